// Package fasthttp checks the offload fix in a fasthttp handler: the
// *fasthttp.RequestCtx is the context, and a shed request gets the
// status that offload.HTTPStatus gives.
package fasthttp

import (
	"github.com/valyala/fasthttp"

	"fix/helpers"
)

func signup(ctx *fasthttp.RequestCtx) {
	pw := string(ctx.PostBody())
	hash := helpers.Hash(pw) // want `signup calls bcrypt.GenerateFromPassword via helpers.Hash`
	ctx.SetBody(hash)
}
