// Package nethttp is an app routed by net/http's ServeMux with Go 1.22
// patterns: methods in patterns, a sub-mux under StripPrefix, the
// default mux, an http.Handler type, a middleware, a handler stored in
// a variable, a pattern that is not constant, and a work that is
// suppressed at its call, one suppressed in its helper's doc comment,
// and one that is offloaded.
package nethttp

import (
	"database/sql"
	"net/http"

	"github.com/blockcheck/blockcheck/offload"

	"routes/work"
)

type server struct{ db *sql.DB }

// Serve registers the routes.
func Serve(s *server, base string) {
	mux := http.NewServeMux()
	mux.HandleFunc("PUT /v1/feeds/{id}/refresh", s.refresh)   // want `PUT /v1/feeds/{id}/refresh net/http nethttp.server.refresh`
	mux.HandleFunc("GET /v1/feeds", s.list)                   // want `GET /v1/feeds net/http nethttp.server.list`
	mux.Handle("POST /upload", s)                             // want `POST /upload net/http nethttp.server.ServeHTTP`
	mux.Handle("GET /audit", logged(http.HandlerFunc(audit))) // want `GET /audit net/http nethttp.audit`
	h := http.HandlerFunc(login)
	mux.Handle("POST /login", h)                // want `POST /login net/http nethttp.login`
	mux.HandleFunc("GET "+base+"/about", about) // want `GET \?\(base\)/about net/http nethttp.about`

	mux.HandleFunc("GET /report", s.report) // want `GET /report net/http nethttp.server.report`
	mux.Handle("GET /none", logged(nil))    // want `GET /none net/http nethttp.logged.func1`

	api := http.NewServeMux()
	api.HandleFunc("GET /users/{id}", s.user) // want `GET /api/users/{id} net/http nethttp.server.user`
	mux.Handle("/api/", http.StripPrefix("/api", api))

	http.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) { // want `\* /health net/http nethttp.Serve.func1`
		w.Write([]byte(work.Nothing()))
	})
	http.ListenAndServe(":8080", mux)
}

func (s *server) refresh(w http.ResponseWriter, r *http.Request) {
	work.Query(s.db, "select 1")
	work.Hash(r.FormValue("pw"))
}

func (s *server) list(w http.ResponseWriter, r *http.Request) {
	//blockcheck:ignore the list is cached by the CDN, a few calls a minute
	work.Query(s.db, "select * from feeds")
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	work.Nap()
}

func (s *server) user(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(work.Nothing()))
}

func login(w http.ResponseWriter, r *http.Request) {
	h, err := offload.Value(r.Context(), func() []byte { return work.Hash(r.FormValue("pw")) })
	if err != nil {
		offload.WriteError(w, err)
		return
	}
	w.Write(h)
}

func audit(w http.ResponseWriter, r *http.Request) {}

func about(w http.ResponseWriter, r *http.Request) {}

// logged is a middleware.
func logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
	})
}

func (s *server) report(w http.ResponseWriter, r *http.Request) {
	s.slowReport()
}

// slowReport builds the monthly report.
//
//blockcheck:ignore runs on the read replica, a few times a month
func (s *server) slowReport() {
	work.Query(s.db, "select sum(total) from orders")
}

// register wraps a handler with what its caller, not in view, gives it:
// the route's handler is not known, and is named by its variable.
func (s *server) register(mux *http.ServeMux, wrap func(http.Handler) http.Handler) {
	var h http.Handler = http.HandlerFunc(s.user)
	if wrap != nil {
		h = wrap(h)
	}
	mux.Handle("GET /wrapped", h) // want `GET \?\(mux\)/wrapped net/http h`
}
