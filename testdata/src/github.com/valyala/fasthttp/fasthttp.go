// Package fasthttp is a stub of github.com/valyala/fasthttp for tests.
package fasthttp

import "time"

// RequestCtx is a context.Context, as the real one is.
type RequestCtx struct{}

func (ctx *RequestCtx) PostBody() []byte            { return nil }
func (ctx *RequestCtx) SetBody(body []byte)         {}
func (ctx *RequestCtx) SetStatusCode(code int)      {}
func (ctx *RequestCtx) Deadline() (time.Time, bool) { return time.Time{}, false }
func (ctx *RequestCtx) Done() <-chan struct{}       { return nil }
func (ctx *RequestCtx) Err() error                  { return nil }
func (ctx *RequestCtx) Value(key any) any           { return nil }
func (ctx *RequestCtx) QueryArgs() *Args            { return &Args{} }

// Args holds query arguments or a form, as the real one does.
type Args struct{}

func (a *Args) Peek(key string) []byte { return nil }

type RequestHandler func(ctx *RequestCtx)

func ListenAndServe(addr string, handler RequestHandler) error { return nil }

type Request struct{}
type Response struct{}

type Client struct{}

func (c *Client) Do(req *Request, resp *Response) error                               { return nil }
func (c *Client) DoTimeout(req *Request, resp *Response, timeout time.Duration) error { return nil }
func (c *Client) DoDeadline(req *Request, resp *Response, deadline time.Time) error   { return nil }

func Do(req *Request, resp *Response) error { return nil }

func AppendGzipBytes(dst, src []byte) []byte { return dst }
