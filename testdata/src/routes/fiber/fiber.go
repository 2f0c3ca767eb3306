// Package fiber is an app routed by fiber: a group and a Route.
package fiber

import (
	"github.com/gofiber/fiber/v2"

	"routes/work"
)

// Routes builds the routes.
func Routes() *fiber.App {
	app := fiber.New()
	app.Get("/", home) // want `GET / fiber fiber.home`
	api := app.Group("/api")
	api.Post("/hash", hash) // want `POST /api/hash fiber fiber.hash`
	app.Route("/v2", func(r fiber.Router) {
		r.Get("/nap", nap) // want `GET /v2/nap fiber fiber.nap`
	})
	return app
}

func home(c *fiber.Ctx) error { return c.SendString("hi") }
func hash(c *fiber.Ctx) error { work.Hash(string(c.Body())); return nil }
func nap(c *fiber.Ctx) error  { work.Nap(); return nil }
