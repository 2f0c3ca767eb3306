// Package routes: handlers in a table, built by a factory, reached by a
// dispatcher; the table's entries are roots themselves.
package routes

import (
	"net/http"
	"regexp"
)

type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// validate is a helper called through a table of checks.
type check func(string) bool

var checks = map[string]check{
	"email": func(s string) bool { return regexp.MustCompile(`^\S+@\S+$`).MatchString(s) },
}

func validate(kind, value string) bool { return checks[kind](value) }

func profile(w http.ResponseWriter, r *http.Request) error {
	if !validate("email", r.FormValue("email")) { // want `profile calls regexp.MustCompile via routes.validate → routes.init.func1: compiling`
		http.Error(w, "bad email", http.StatusBadRequest)
	}
	return nil
}

var table = map[string]handlerFunc{"/profile": profile}

// dispatch is a root too: it serves every path through the table, and
// calls into roots are reported in those roots.
func dispatch(w http.ResponseWriter, r *http.Request) {
	if h, ok := table[r.URL.Path]; ok {
		h(w, r)
	}
}

func Routes(mux *http.ServeMux) { mux.HandleFunc("/", dispatch) }
