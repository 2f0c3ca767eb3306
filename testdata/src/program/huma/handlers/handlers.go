// Package handlers declares huma handlers that another package
// registers: per-package mode cannot tell that they are roots,
// whole-program mode can.
package handlers

import (
	"context"

	"heavy"
)

type Input struct{ Password string }
type Output struct{ Hash []byte }

func Signup(ctx context.Context, in *Input) (*Output, error) {
	return &Output{Hash: heavy.Hash(in.Password)}, nil // want `Signup calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// Seed has the same signature, but nothing registers it.
func Seed(ctx context.Context, in *Input) (*Output, error) {
	return &Output{Hash: heavy.Hash(in.Password)}, nil
}
