// Package hertz proves that hertz handlers, which are not built on
// net/http, are roots.
package hertz

import (
	"context"

	"github.com/cloudwego/hertz/pkg/app"

	"heavy"
)

func Signup(c context.Context, ctx *app.RequestContext) { // want Signup:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(string(ctx.Request.Body())) // want `Signup calls bcrypt.GenerateFromPassword via heavy.Hash`
	ctx.String(200, "ok")
}

// Body takes the request, but not the context: not a handler.
func Body(req *app.Request) []byte { // want Body:"reaches bcrypt.GenerateFromPassword"
	return heavy.Hash(string(req.Body()))
}
