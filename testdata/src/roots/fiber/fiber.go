// Package fiber proves that fiber v2 handlers are roots.
package fiber

import (
	"github.com/gofiber/fiber/v2"

	"heavy"
)

func Register(app *fiber.App) {
	app.Post("/signup", func(c *fiber.Ctx) error {
		return c.Send(heavy.Hash(string(c.Body()))) // want `Register.func1 calls bcrypt.GenerateFromPassword via heavy.Hash`
	})
}
