// Package route is a stub of github.com/prometheus/common/route for
// tests.
package route

import "net/http"

type Router struct{}

func New() *Router { return &Router{} }

func (r *Router) WithPrefix(prefix string) *Router                   { return r }
func (r *Router) Get(path string, h http.HandlerFunc)                {}
func (r *Router) Post(path string, h http.HandlerFunc)               {}
func (r *Router) Del(path string, h http.HandlerFunc)                {}
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {}
