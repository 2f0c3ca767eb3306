// Package regexp covers per-request regexp compilation, and shows that
// compiling at package level or once is not reported. The remedy
// depends on the pattern: a constant is compiled once at package level,
// a pattern from configuration is cached once it is loaded, in this
// package and through another's facts (rules). A pattern from the
// request is not reported (regression/issue16regexp).
package regexp

import (
	"net/http"
	"regexp"
	"strings"
	"sync"

	"cpu/regexp/rules"
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

// filter's words are configured at start-up.
type filter struct {
	words []string
}

func (f *filter) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want ServeHTTP:"reaches regexp.MustCompile, regexp.MatchString"
	regexp.MustCompile(strings.Join(f.words, "|")) // want `filter.ServeHTTP calls regexp.MustCompile: compiling a regular expression on every request repeats work that can be done once; cache the compiled regexp \(compile it once when the configuration is loaded\)`
	rules.ValidName(r.FormValue("name"))           // want `filter.ServeHTTP calls regexp.MustCompile via rules.ValidName: compiling a regular expression on every request repeats work that can be done once; cache the compiled regexp \(compile it once when the configuration is loaded\)`
	rules.ValidID(r.FormValue("id"))               // want `filter.ServeHTTP calls regexp.MatchString via rules.ValidID: compiling a regular expression on every request repeats work that can be done once; compile it once, at package level or with sync.OnceValue`
	rules.Matches(`^\d+$`, r.FormValue("id"))      // a parameter, not resolved at the call site
}

// many builds a constant pattern in many steps, each of which may or may
// not add a part: tracing it back visits each step once, not once per
// path through the steps (2^40 of them).
func many(w http.ResponseWriter, r *http.Request) {
	p := `^`
	if r.Method == "M0" {
		p += `a`
	}
	if r.Method == "M1" {
		p += `a`
	}
	if r.Method == "M2" {
		p += `a`
	}
	if r.Method == "M3" {
		p += `a`
	}
	if r.Method == "M4" {
		p += `a`
	}
	if r.Method == "M5" {
		p += `a`
	}
	if r.Method == "M6" {
		p += `a`
	}
	if r.Method == "M7" {
		p += `a`
	}
	if r.Method == "M8" {
		p += `a`
	}
	if r.Method == "M9" {
		p += `a`
	}
	if r.Method == "M10" {
		p += `a`
	}
	if r.Method == "M11" {
		p += `a`
	}
	if r.Method == "M12" {
		p += `a`
	}
	if r.Method == "M13" {
		p += `a`
	}
	if r.Method == "M14" {
		p += `a`
	}
	if r.Method == "M15" {
		p += `a`
	}
	if r.Method == "M16" {
		p += `a`
	}
	if r.Method == "M17" {
		p += `a`
	}
	if r.Method == "M18" {
		p += `a`
	}
	if r.Method == "M19" {
		p += `a`
	}
	if r.Method == "M20" {
		p += `a`
	}
	if r.Method == "M21" {
		p += `a`
	}
	if r.Method == "M22" {
		p += `a`
	}
	if r.Method == "M23" {
		p += `a`
	}
	if r.Method == "M24" {
		p += `a`
	}
	if r.Method == "M25" {
		p += `a`
	}
	if r.Method == "M26" {
		p += `a`
	}
	if r.Method == "M27" {
		p += `a`
	}
	if r.Method == "M28" {
		p += `a`
	}
	if r.Method == "M29" {
		p += `a`
	}
	if r.Method == "M30" {
		p += `a`
	}
	if r.Method == "M31" {
		p += `a`
	}
	if r.Method == "M32" {
		p += `a`
	}
	if r.Method == "M33" {
		p += `a`
	}
	if r.Method == "M34" {
		p += `a`
	}
	if r.Method == "M35" {
		p += `a`
	}
	if r.Method == "M36" {
		p += `a`
	}
	if r.Method == "M37" {
		p += `a`
	}
	if r.Method == "M38" {
		p += `a`
	}
	if r.Method == "M39" {
		p += `a`
	}
	regexp.MustCompile(p + `$`) // want `many calls regexp.MustCompile: .*; compile it once, at package level or with sync.OnceValue`
}
