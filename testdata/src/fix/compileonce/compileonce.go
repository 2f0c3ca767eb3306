// Package compileonce checks the fix that moves a regexp compiled, or a
// template parsed, from constants on every request to a package-level
// variable: MustCompile where the pattern compiles and no error is
// kept, sync.OnceValues where one is.
package compileonce

import (
	"fmt"
	"html/template"
	"net/http"
	"regexp"

	"fix/helpers"
)

// signup compiles in the handler itself.
func signup(w http.ResponseWriter, r *http.Request) {
	if !regexp.MustCompile(`^[a-z][a-z0-9_]{2,31}$`).MatchString(r.FormValue("name")) { // want `signup calls regexp.MustCompile: compiling a regular expression`
		return
	}
	const digits = `^\d+$`
	re, _ := regexp.Compile(digits)                              // want `signup calls regexp.Compile: compiling`
	ok, _ := regexp.MatchString(`^[a-z]+$`, r.FormValue("nick")) // want `signup calls regexp.MatchString: compiling`
	fmt.Fprint(w, re.MatchString(r.FormValue("age")), ok)
}

// valid compiles in a helper of this package, which two handlers call:
// both offer the same fix, applied once.
func valid(name string) bool {
	return regexp.MustCompile(`^\S+@\S+$`).MatchString(name)
}

func email(w http.ResponseWriter, r *http.Request) {
	fmt.Fprint(w, valid(r.FormValue("email"))) // want `email calls regexp.MustCompile via compileonce.valid`
}

func contact(w http.ResponseWriter, r *http.Request) {
	fmt.Fprint(w, valid(r.FormValue("to"))) // want `contact calls regexp.MustCompile via compileonce.valid`
}

// keeps handles the error of Compile: it stays, with sync.OnceValues.
func keeps(w http.ResponseWriter, r *http.Request) {
	re, err := regexp.Compile(`^[0-9a-f]{32}$`) // want `keeps calls regexp.Compile: compiling`
	if err != nil {
		return
	}
	fmt.Fprint(w, re.MatchString(r.FormValue("id")))
}

// page parses its template on every request.
func page(w http.ResponseWriter, r *http.Request) {
	t, err := template.ParseFiles("page.html") // want `page calls template.ParseFiles: reading and parsing templates`
	if err != nil {
		return
	}
	t.Execute(w, nil)
}

// retakenRE was declared by the fix of an earlier round: the next call
// takes the next number.
var retakenRE = regexp.MustCompile(`^a$`)

func retaken(w http.ResponseWriter, r *http.Request) {
	fmt.Fprint(w, retakenRE.MatchString(r.URL.Path), regexp.MustCompile(`^b$`).MatchString(r.URL.Path)) // want `retaken calls regexp.MustCompile`
}

// prefix comes from the package: compiled once it is set, not at
// package level.
var prefix = "^v1/"

func noFix(w http.ResponseWriter, r *http.Request) {
	regexp.MustCompile(`(`).MatchString(r.URL.Path)                      // want `no suggested fix: the pattern does not compile, and at package level it would panic when the program starts`
	matched, err := regexp.MatchString(`^/api/`, r.URL.Path)             // want `no suggested fix: the call's error is kept; compile the pattern once with regexp.MustCompile and call its MatchString method instead`
	regexp.MustCompile(fmt.Sprintf("^%s$", "a")).MatchString(r.URL.Path) // want `no suggested fix: the pattern is not a constant`
	regexp.MustCompile(prefix).MatchString(r.URL.Path)                   // want `noFix calls regexp.MustCompile: compiling a regular expression on every request repeats work that can be done once; cache the compiled regexp \(compile it once when the configuration is loaded\)$`
	template.ParseFiles(r.FormValue("page"))                             // want `no suggested fix: the templates it parses are not named by constants`
	helpers.Valid(r.FormValue("name"))                                   // want `noFix calls regexp.MustCompile via helpers.Valid: .*with sync.OnceValue$`
	fmt.Fprint(w, matched, err)
}
