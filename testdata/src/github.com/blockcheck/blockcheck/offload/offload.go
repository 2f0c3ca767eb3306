// Package offload is a stub of github.com/blockcheck/blockcheck/offload
// for tests: the same API as the functions blockcheck's fixes call,
// run inline. TestOffloadStub keeps it in step with the real package.
package offload

import (
	"context"
	"net/http"
)

func Do[T any](ctx context.Context, fn func() (T, error)) (T, error) { return fn() }

func Value[T any](ctx context.Context, fn func() T) (T, error) { return fn(), nil }

func Run(ctx context.Context, fn func()) error { fn(); return nil }

func Rejected(err error) bool { return false }

func WriteError(w http.ResponseWriter, err error) {}

func HTTPStatus(err error) int { return 0 }
