// Package mux is a stub of github.com/gorilla/mux for tests.
package mux

import "net/http"

type Router struct{}

type Route struct{}

func NewRouter() *Router { return &Router{} }

func (r *Router) HandleFunc(path string, f func(http.ResponseWriter, *http.Request)) *Route {
	return &Route{}
}
func (r *Router) Handle(path string, handler http.Handler) *Route    { return &Route{} }
func (r *Route) Methods(methods ...string) *Route                    { return r }
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {}

func Vars(r *http.Request) map[string]string { return nil }
