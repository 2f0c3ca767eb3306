// Package context is a stub of github.com/kataras/iris/v12/context.
package context

import "net/http"

type ResponseWriter interface {
	http.ResponseWriter
	StatusCode() int
}

type Context struct {
	writer  ResponseWriter
	request *http.Request
}

func (c *Context) Request() *http.Request { return c.request }

func (c *Context) ResponseWriter() ResponseWriter { return c.writer }

type Handler func(*Context)
