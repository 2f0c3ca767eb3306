// Package configured is an app whose .blockcheck.yml reports only
// CPU-heavy work: its map leaves blocking sinks out.
package configured

import (
	"net/http"

	"routes/work"
)

// Serve registers the routes.
func Serve() {
	http.HandleFunc("POST /hash", hash)
	http.HandleFunc("GET /nap", nap)
}

func hash(w http.ResponseWriter, r *http.Request) {
	work.Nap()
	work.Hash(r.FormValue("pw"))
}

func nap(w http.ResponseWriter, r *http.Request) { work.Nap() }
