// Package echo proves that echo handlers and middleware are roots.
package echo

import (
	"github.com/labstack/echo/v4"

	"heavy"
)

func signup(c echo.Context) error {
	return c.Blob(200, "text/plain", heavy.Hash(c.Param("pw"))) // want `signup calls bcrypt.GenerateFromPassword via heavy.Hash`
}

func auth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		heavy.Hash("x") // want `auth.func1 calls bcrypt.GenerateFromPassword via heavy.Hash`
		return next(c)
	}
}

func Register(e *echo.Echo) {
	e.Use(auth)
	e.POST("/signup", signup)
}
