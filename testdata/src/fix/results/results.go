// Package results checks the offload fix for calls with several
// results: they travel off offload's goroutine in a struct, and the
// original assignment takes them from it, so that it declares and
// assigns what it did before.
package results

import (
	"fmt"
	"net/http"

	"fix/helpers"
)

func pair(w http.ResponseWriter, r *http.Request) {
	a, b := helpers.Pair(r.FormValue("pw")) // want `pair calls bcrypt.GenerateFromPassword via helpers.Pair`
	fmt.Fprint(w, a+b)
}

func issue(w http.ResponseWriter, r *http.Request) {
	var tok string
	u, tok, err := helpers.Issue(r.FormValue("pw")) // want `issue calls bcrypt.GenerateFromPassword via helpers.Issue`
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	fmt.Fprint(w, u.Name, tok)
}

func assigns(w http.ResponseWriter, r *http.Request) {
	var u *helpers.User
	var err error
	u, _, err = helpers.Issue(r.FormValue("pw")) // want `assigns calls bcrypt.GenerateFromPassword via helpers.Issue`
	fmt.Fprint(w, u, err)
}

func noFix(w http.ResponseWriter, r *http.Request) {
	pw := r.FormValue("pw")
	_, _, err := helpers.Issue(pw) // want `no suggested fix: the call's results other than its error are discarded`
	fmt.Fprint(w, err)
	var a int
	a, a = helpers.Pair(pw) // want `no suggested fix: the call assigns two results to a`
	fmt.Fprint(w, a)
	var s struct{ a, b int }
	s.a, s.b = helpers.Pair(pw) // want `no suggested fix: the call's results are not assigned to plain variables`
	fmt.Fprint(w, s)
}
