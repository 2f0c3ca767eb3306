// Package gorilla is an app routed by gorilla/mux: methods set after
// the route, subrouters under a path prefix, and a route built from a
// chain.
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
	r := mux.NewRouter()
	r.HandleFunc("/", home).Methods("GET") // want `GET / gorilla/mux gorilla.home`
	api := r.PathPrefix("/api").Subrouter()
	api.HandleFunc("/users/{id}", user).Methods("GET", "HEAD") // want `GET,HEAD /api/users/{id} gorilla/mux gorilla.user`
	v2 := api.PathPrefix("/v2").Subrouter()
	v2.HandleFunc("/hash", hash).Methods("POST").Name("hash")      // want `POST /api/v2/hash gorilla/mux gorilla.hash`
	r.Methods("DELETE").Path("/sessions/{id}").HandlerFunc(logout) // want `DELETE /sessions/{id} gorilla/mux gorilla.logout`
	r.HandleFunc("/any", home)                                     // want `\* /any gorilla/mux gorilla.home`
	return r
}

func home(w http.ResponseWriter, r *http.Request)   {}
func user(w http.ResponseWriter, r *http.Request)   {}
func hash(w http.ResponseWriter, r *http.Request)   { work.Hash(r.FormValue("pw")) }
func logout(w http.ResponseWriter, r *http.Request) { work.Nap() }

func path(p string) string { return "/v3" + p }
