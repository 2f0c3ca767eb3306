// Package nethttp proves that every shape of net/http handler is a
// root: functions, methods, ServeHTTP, http.HandlerFunc conversions,
// closures returned by middleware, adapters with extra parameters, and
// method values handed to chi and gorilla/mux.
package nethttp

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/gorilla/mux"

	"heavy"
)

func Plain(w http.ResponseWriter, r *http.Request) { // want Plain:"reaches bcrypt.GenerateFromPassword"
	w.Write(heavy.Hash(r.FormValue("pw"))) // want `Plain calls bcrypt.GenerateFromPassword via heavy.Hash: password hashing is CPU-heavy`
}

type API struct{}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want ServeHTTP:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash("x") // want `API.ServeHTTP calls bcrypt.GenerateFromPassword via heavy.Hash`
}

func (a *API) signup(w http.ResponseWriter, r *http.Request) {
	heavy.Hash("x") // want `API.signup calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// withUser is an adapter shape: extra parameters after w and r.
func (a *API) withUser(w http.ResponseWriter, r *http.Request, user string) {
	heavy.Hash(user) // want `API.withUser calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// Middleware returns a handler; the closure is the root, not Middleware,
// which runs once when routes are built.
func Middleware(next http.Handler) http.Handler { // want Middleware:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash("setup: not on a request path")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		heavy.Hash("x") // want `Middleware.func1 calls bcrypt.GenerateFromPassword via heavy.Hash`
		next.ServeHTTP(w, r)
	})
}

func Routes(a *API) http.Handler { // want Routes:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash("setup: not on a request path")
	r := chi.NewRouter()
	r.Use(Middleware)
	r.Post("/signup", a.signup)
	r.Get("/inline", func(w http.ResponseWriter, r *http.Request) {
		heavy.Hash("x") // want `Routes.func1 calls bcrypt.GenerateFromPassword via heavy.Hash`
	})
	m := mux.NewRouter()
	m.HandleFunc("/user", func(w http.ResponseWriter, r *http.Request) {
		a.withUser(w, r, "bob") // a root calling a root: reported in withUser only
	})
	m.Handle("/api", a)
	return r
}

// fetch takes only a request: it is client code, not a handler.
func fetch(r *http.Request) []byte {
	return heavy.Hash(r.URL.Path)
}

var _ = fetch
