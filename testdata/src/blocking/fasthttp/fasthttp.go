// Package fasthttp covers fasthttp client calls without a deadline.
package fasthttp

import (
	"time"

	"github.com/valyala/fasthttp"
)

var client fasthttp.Client

func proxy(ctx *fasthttp.RequestCtx) {
	var req fasthttp.Request
	var resp fasthttp.Response
	client.Do(&req, &resp)                     // want `proxy calls fasthttp.Client.Do: a fasthttp request without a deadline can block for as long as the remote takes; use DoTimeout or DoDeadline with the request's deadline`
	fasthttp.Do(&req, &resp)                   // want `proxy calls fasthttp.Do`
	client.DoTimeout(&req, &resp, time.Second) // fine
}
