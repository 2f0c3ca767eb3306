// Package gorilla is an app routed by gorilla/mux: methods set after
// the route, subrouters under a path prefix, and a route built from a
// chain, and routes registered by a helper that its callers give the
// path and the handler to.
package gorilla

import (
	"net/http"

	"github.com/gorilla/mux"

	"routes/work"
)

// Shared is a router that a package-level variable holds.
var Shared = mux.NewRouter()

// Router builds the routes.
func Router() *mux.Router {
	Shared.HandleFunc("/shared", home).Methods("GET") // want `GET /shared gorilla/mux gorilla.home`
	Shared.HandleFunc(path("/x"), home)               // want `\* \?\(path\("/x"\)\) gorilla/mux gorilla.home`
	r := mux.NewRouter().StrictSlash(true).UseEncodedPath()
	r.HandleFunc("/", home).Methods("GET") // want `GET / gorilla/mux gorilla.home`
	api := r.PathPrefix("/api").Subrouter()
	api.HandleFunc("/users/{id}", user).Methods("GET", "HEAD") // want `GET,HEAD /api/users/{id} gorilla/mux gorilla.user`
	v2 := api.PathPrefix("/v2").Subrouter()
	v2.HandleFunc("/hash", hash).Methods("POST").Name("hash")      // want `POST /api/v2/hash gorilla/mux gorilla.hash`
	r.Methods("DELETE").Path("/sessions/{id}").HandlerFunc(logout) // want `DELETE /sessions/{id} gorilla/mux gorilla.logout`
	r.HandleFunc("/any", home)                                     // want `\* /any gorilla/mux gorilla.home`
	handle(r, user, "/helped/{id}").Methods("GET")                 // want `GET /api/helped/{id} gorilla/mux gorilla.user`
	handle(r, hash, "/helped/hash").Methods("POST")                // want `POST /api/helped/hash gorilla/mux gorilla.hash`
	return r
}

func home(w http.ResponseWriter, r *http.Request)   {}
func user(w http.ResponseWriter, r *http.Request)   {}
func hash(w http.ResponseWriter, r *http.Request)   { work.Hash(r.FormValue("pw")) }
func logout(w http.ResponseWriter, r *http.Request) { work.Nap() }

func path(p string) string { return "/v3" + p }

// handle registers f under /api, wrapped, and returns the route for its
// callers to set the methods.
func handle(r *mux.Router, f func(http.ResponseWriter, *http.Request), route string) *mux.Route {
	var h http.Handler = http.HandlerFunc(f)
	h = wrap(route, h)
	return r.HandleFunc("/api"+route, h.ServeHTTP)
}

func wrap(name string, h http.Handler) http.Handler { return h }
