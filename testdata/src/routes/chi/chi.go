// Package chi is an app routed by chi: nested Route calls, a Group, a
// With, a router mounted from a helper, and a router passed to a
// method.
package chi

import (
	"database/sql"
	"net/http"

	"github.com/go-chi/chi/v5"

	"routes/work"
)

type api struct {
	db     *sql.DB
	prefix string
}

// Router builds the routes.
func Router(a *api) http.Handler {
	r := chi.NewRouter()
	r.Get("/", a.index) // want `GET / chi chi.api.index`
	r.Route("/v1", func(r chi.Router) {
		r.Route("/users", func(r chi.Router) {
			r.Get("/", a.listUsers)                 // want `GET /v1/users/ chi chi.api.listUsers`
			r.Post("/", a.createUser)               // want `POST /v1/users/ chi chi.api.createUser`
			r.With(auth).Delete("/{id}", a.delUser) // want `DELETE /v1/users/{id} chi chi.api.delUser`
		})
		r.Group(func(r chi.Router) {
			r.Method("PATCH", "/settings", http.HandlerFunc(a.settings)) // want `PATCH /v1/settings chi chi.api.settings`
		})
	})
	r.Mount("/admin", adminRouter(a))
	r.Route(a.prefix, func(r chi.Router) {
		r.Get("/prefixed", a.index) // want `GET \?\(a.prefix\)/prefixed chi chi.api.index`
	})
	a.feeds(r)
	return r
}

func adminRouter(a *api) http.Handler {
	r := chi.NewRouter()
	r.Get("/stats", a.stats) // want `GET /admin/stats chi chi.api.stats`
	return r
}

func (a *api) feeds(r chi.Router) {
	r.Put("/feeds/{id}", a.putFeed) // want `PUT /feeds/{id} chi chi.api.putFeed`
}

func auth(next http.Handler) http.Handler { return next }

func (a *api) index(w http.ResponseWriter, r *http.Request)      {}
func (a *api) listUsers(w http.ResponseWriter, r *http.Request)  { work.Query(a.db, "select") }
func (a *api) createUser(w http.ResponseWriter, r *http.Request) { work.Hash(r.FormValue("pw")) }
func (a *api) delUser(w http.ResponseWriter, r *http.Request)    {}
func (a *api) settings(w http.ResponseWriter, r *http.Request)   {}
func (a *api) stats(w http.ResponseWriter, r *http.Request)      { work.Nap() }
func (a *api) putFeed(w http.ResponseWriter, r *http.Request)    {}
