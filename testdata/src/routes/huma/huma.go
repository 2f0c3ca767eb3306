// Package huma is an API registered with huma: by its convenience
// functions, and by Register with an operation.
package huma

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

type in struct{}
type out struct{}

func get(ctx context.Context, i *in) (*out, error)  { return nil, nil }
func post(ctx context.Context, i *in) (*out, error) { return nil, nil }

// Routes registers the operations.
func Routes(api huma.API) {
	huma.Get(api, "/greeting/{name}", get)                                              // want `GET /greeting/{name} huma huma.get`
	huma.Register(api, huma.Operation{Method: http.MethodPost, Path: "/reviews"}, post) // want `POST /reviews huma huma.post`
}
