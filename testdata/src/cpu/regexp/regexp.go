// Package regexp covers per-request regexp compilation, and shows that
// compiling at package level or once is not reported.
package regexp

import (
	"net/http"
	"regexp"
	"sync"
)

var username = regexp.MustCompile(`^[a-z]+$`) // package level: compiled once

var email = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\S+@\S+$`) })

func valid(name string) bool {
	return regexp.MustCompile(`^[a-z]+$`).MatchString(name)
}

func check(w http.ResponseWriter, r *http.Request) {
	valid(r.FormValue("name"))                     // want `check calls regexp.MustCompile via regexp.valid: compiling a regular expression on every request repeats work that can be done once; compile it once, at package level or with sync.OnceValue`
	regexp.MatchString(`^\d+$`, r.FormValue("id")) // want `check calls regexp.MatchString: compiling`
	username.MatchString(r.FormValue("name"))      // precompiled: fine
	email().MatchString(r.FormValue("email"))      // compiled once: fine
}
