// Package echo checks the offload fix in echo handlers, which return
// errors: offload's error is returned.
package echo

import (
	"github.com/labstack/echo/v4"

	"fix/helpers"
)

func signup(c echo.Context) error {
	pw := c.Param("pw")
	hash := helpers.Hash(pw) // want `signup calls bcrypt.GenerateFromPassword via helpers.Hash`
	return c.Blob(200, "application/octet-stream", hash)
}

func touch(c echo.Context) error {
	pw := c.Param("pw")
	helpers.Touch(pw) // want `touch calls bcrypt.GenerateFromPassword via helpers.Touch`
	return nil
}
