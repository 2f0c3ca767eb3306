// Package echo is a stub of github.com/labstack/echo/v5 for tests:
// its Context is a struct with unexported fields.
package echo

import "net/http"

type Context struct {
	request  *http.Request
	response *Response
}

func (c *Context) Request() *http.Request { return c.request }

func (c *Context) String(code int, s string) error { return nil }

type Response struct {
	http.ResponseWriter
	Status int
}

type HandlerFunc func(c *Context) error

type Echo struct{}

func New() *Echo { return &Echo{} }

func (e *Echo) GET(path string, h HandlerFunc) {}
