// Package template covers template files parsed on every request.
package template

import (
	"html/template"
	"net/http"
)

var page = template.Must(template.ParseGlob("templates/*.html")) // once, at startup

func render(w http.ResponseWriter, r *http.Request) {
	t := template.Must(template.ParseFiles("templates/index.html")) // want `render calls template.ParseFiles: reading and parsing templates on every request repeats work that can be done once; parse templates once at startup`
	t.Execute(w, nil)
	page.Execute(w, nil)
	template.Must(template.New("inline").Parse("{{.}}")) // a string template: not reported
}
