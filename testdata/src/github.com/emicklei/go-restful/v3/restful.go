// Package restful is a stub of github.com/emicklei/go-restful/v3.
package restful

import "net/http"

type Request struct {
	Request *http.Request
}

func (r *Request) PathParameter(name string) string { return "" }

type Response struct {
	http.ResponseWriter
}

type RouteFunction func(*Request, *Response)

type WebService struct{}

func (w *WebService) Route(path string, f RouteFunction) {}
