// Package echo is a stub of github.com/labstack/echo/v4 for tests.
package echo

import "net/http"

type Context interface {
	Request() *http.Request
	Param(name string) string
	JSON(code int, i any) error
	String(code int, s string) error
	Blob(code int, contentType string, b []byte) error
}

type HandlerFunc func(c Context) error

type MiddlewareFunc func(next HandlerFunc) HandlerFunc

type Echo struct{}

type Group struct{}

func New() *Echo { return &Echo{} }

func (e *Echo) GET(path string, h HandlerFunc, m ...MiddlewareFunc)         {}
func (e *Echo) POST(path string, h HandlerFunc, m ...MiddlewareFunc)        {}
func (e *Echo) DELETE(path string, h HandlerFunc, m ...MiddlewareFunc)      {}
func (e *Echo) Add(method, path string, h HandlerFunc, m ...MiddlewareFunc) {}
func (e *Echo) Group(prefix string, m ...MiddlewareFunc) *Group             { return &Group{} }
func (e *Echo) Use(middleware ...MiddlewareFunc)                            {}
func (e *Echo) Start(address string) error                                  { return nil }
func (g *Group) GET(path string, h HandlerFunc, m ...MiddlewareFunc)        {}
func (g *Group) POST(path string, h HandlerFunc, m ...MiddlewareFunc)       {}
func (g *Group) PUT(path string, h HandlerFunc, m ...MiddlewareFunc)        {}
func (g *Group) Group(prefix string, m ...MiddlewareFunc) *Group            { return g }
