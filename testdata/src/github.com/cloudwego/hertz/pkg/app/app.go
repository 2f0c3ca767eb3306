// Package app is a stub of github.com/cloudwego/hertz/pkg/app for
// tests: hertz is not built on net/http.
package app

import "context"

type RequestContext struct {
	Request  Request
	Response Response
}

type Request struct{ body []byte }

func (r *Request) Body() []byte { return r.body }

type Response struct{ body []byte }

func (c *RequestContext) String(code int, s string) {}

func (c *RequestContext) AbortWithStatus(code int) {}

type HandlerFunc func(c context.Context, ctx *RequestContext)
