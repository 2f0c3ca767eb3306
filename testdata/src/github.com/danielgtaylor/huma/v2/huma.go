// Package huma is a stub of github.com/danielgtaylor/huma/v2: handlers
// are registered with generic functions, and their parameters say
// nothing of a request.
package huma

import "context"

type API interface {
	OpenAPI() string
}

type Operation struct {
	Method, Path string
}

func Register[I, O any](api API, op Operation, handler func(context.Context, *I) (*O, error)) {}

func Get[I, O any](api API, path string, handler func(context.Context, *I) (*O, error), operationHandlers ...func(o *Operation)) {
}

func Post[I, O any](api API, path string, handler func(context.Context, *I) (*O, error), operationHandlers ...func(o *Operation)) {
}
