// Package server registers a handler of another package with huma.
package server

import (
	"github.com/danielgtaylor/huma/v2"

	"program/huma/handlers"
)

func Routes(api huma.API) {
	huma.Post(api, "/signup", handlers.Signup)
}
