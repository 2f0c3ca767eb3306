// Package chi is a stub of github.com/go-chi/chi/v5 for tests.
package chi

import "net/http"

type Mux struct{}

func NewRouter() *Mux { return &Mux{} }

func (mx *Mux) Get(pattern string, handlerFn http.HandlerFunc)     {}
func (mx *Mux) Post(pattern string, handlerFn http.HandlerFunc)    {}
func (mx *Mux) Use(middlewares ...func(http.Handler) http.Handler) {}
func (mx *Mux) ServeHTTP(w http.ResponseWriter, r *http.Request)   {}

func URLParam(r *http.Request, key string) string { return "" }
