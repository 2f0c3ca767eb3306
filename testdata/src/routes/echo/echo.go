// Package echo is an app routed by echo: groups within groups, and Add
// with a method.
package echo

import (
	"github.com/labstack/echo/v4"

	"routes/work"
)

// Routes builds the routes.
func Routes() *echo.Echo {
	e := echo.New()
	e.GET("/", home) // want `GET / echo echo.home`
	api := e.Group("/api")
	v1 := api.Group("/v1")
	v1.POST("/hash", hash)         // want `POST /api/v1/hash echo echo.hash`
	v1.PUT("/nap", nap)            // want `PUT /api/v1/nap echo echo.nap`
	e.Add("OPTIONS", "/api", home) // want `OPTIONS /api echo echo.home`
	return e
}

func home(c echo.Context) error { return c.String(200, "hi") }
func hash(c echo.Context) error { work.Hash(c.Param("pw")); return nil }
func nap(c echo.Context) error  { work.Nap(); return nil }
