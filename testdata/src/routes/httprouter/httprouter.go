// Package httprouter is an app routed by httprouter, with Prometheus's
// router, whose prefixes come from WithPrefix, mounted beside it.
package httprouter

import (
	"net/http"

	"github.com/julienschmidt/httprouter"
	"github.com/prometheus/common/route"

	"routes/work"
)

// Routes builds the routes.
func Routes(method string) http.Handler {
	r := httprouter.New()
	r.GET("/users/:id", user)           // want `GET /users/:id httprouter httprouter.user`
	r.HandlerFunc("PUT", "/hash", hash) // want `PUT /hash httprouter httprouter.hash`
	r.Handle(method, "/dyn", user)      // want `\?\(method\) /dyn httprouter httprouter.user`
	api := route.New().WithPrefix("/api").WithPrefix("/v1")
	api.Get("/query", hash) // want `GET /api/v1/query prometheus/route httprouter.hash`
	api.Del("/series", nap) // want `DELETE /api/v1/series prometheus/route httprouter.nap`
	mux := http.NewServeMux()
	mux.Handle("/", r)
	return mux
}

func user(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {}
func hash(w http.ResponseWriter, r *http.Request)                       { work.Hash(r.FormValue("pw")) }
func nap(w http.ResponseWriter, r *http.Request)                        { work.Nap() }
