// Package iris proves that iris handlers, whose iris.Context is an
// alias of *context.Context, are roots.
package iris

import (
	"github.com/kataras/iris/v12"

	"heavy"
)

func Signup(ctx iris.Context) { // want Signup:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(ctx.Request().FormValue("pw")) // want `Signup calls bcrypt.GenerateFromPassword via heavy.Hash`
}

func Routes(app *iris.Application) {
	app.Get("/signup", Signup)
}
