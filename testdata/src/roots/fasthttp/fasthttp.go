// Package fasthttp proves that fasthttp request handlers are roots.
package fasthttp

import (
	"github.com/valyala/fasthttp"

	"heavy"
)

func handle(ctx *fasthttp.RequestCtx) {
	ctx.SetBody(heavy.Hash(string(ctx.PostBody()))) // want `handle calls bcrypt.GenerateFromPassword via heavy.Hash`
}

func Serve() error { return fasthttp.ListenAndServe(":8080", handle) }
