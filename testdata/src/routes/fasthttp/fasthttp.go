// Package fasthttp is an app routed by fasthttp's router.
package fasthttp

import (
	"github.com/fasthttp/router"
	"github.com/valyala/fasthttp"

	"routes/work"
)

// Routes builds the routes.
func Routes() *router.Router {
	r := router.New()
	r.GET("/", home) // want `GET / fasthttp fasthttp.home`
	v1 := r.Group("/v1")
	v1.POST("/hash", hash) // want `POST /v1/hash fasthttp fasthttp.hash`
	return r
}

func home(ctx *fasthttp.RequestCtx) {}
func hash(ctx *fasthttp.RequestCtx) { work.Hash(string(ctx.PostBody())) }
