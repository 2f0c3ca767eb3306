// Package httprouter is a stub of github.com/julienschmidt/httprouter
// for tests.
package httprouter

import "net/http"

type Params []struct{ Key, Value string }

type Handle func(http.ResponseWriter, *http.Request, Params)

type Router struct{}

func New() *Router { return &Router{} }

func (r *Router) GET(path string, handle Handle)                            {}
func (r *Router) POST(path string, handle Handle)                           {}
func (r *Router) Handle(method, path string, handle Handle)                 {}
func (r *Router) HandlerFunc(method, path string, handler http.HandlerFunc) {}
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request)        {}
