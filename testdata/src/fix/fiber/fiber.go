// Package fiber checks the offload fix in a fiber v2 handler: the
// request's context is c.UserContext().
package fiber

import (
	"github.com/gofiber/fiber/v2"

	"fix/helpers"
)

func signup(c *fiber.Ctx) error {
	u, err := helpers.Register("bob", c.Params("pw")) // want `signup calls bcrypt.GenerateFromPassword via helpers.Register: .*run it with offload$`
	if err != nil {
		return err
	}
	pw := c.Params("pw")
	u, err = helpers.Register(u.Name, pw) // want `signup calls bcrypt.GenerateFromPassword via helpers.Register`
	if err != nil {
		return err
	}
	return c.SendString(u.Name)
}
