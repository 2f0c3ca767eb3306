// Package echov5 proves that echo v5 handlers, which take a
// *echo.Context struct with unexported fields, are roots by the
// request-type rule.
package echov5

import (
	"github.com/labstack/echo/v5"

	"heavy"
)

func Signup(c *echo.Context) error { // want Signup:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(c.Request().FormValue("pw")) // want `Signup calls bcrypt.GenerateFromPassword via heavy.Hash`
	return c.String(200, "ok")
}

func Routes(e *echo.Echo) {
	e.GET("/signup", Signup)
	e.GET("/inline", func(c *echo.Context) error {
		heavy.Hash("x") // want `Routes.func1 calls bcrypt.GenerateFromPassword via heavy.Hash`
		return nil
	})
}
