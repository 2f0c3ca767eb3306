// Package huma proves that the handlers passed to huma's registration
// functions are roots, as functions, literals and method values; a
// function of the same signature that is not registered is not.
package huma

import (
	"context"

	"github.com/danielgtaylor/huma/v2"

	"heavy"
)

type SignupInput struct{ Password string }
type SignupOutput struct{ Hash []byte }

func signup(ctx context.Context, in *SignupInput) (*SignupOutput, error) {
	return &SignupOutput{Hash: heavy.Hash(in.Password)}, nil // want `signup calls bcrypt.GenerateFromPassword via heavy.Hash`
}

type Users struct{}

func (u *Users) Reset(ctx context.Context, in *SignupInput) (*SignupOutput, error) { // want Reset:"reaches bcrypt.GenerateFromPassword"
	return &SignupOutput{Hash: heavy.Hash(in.Password)}, nil // want `Users.Reset calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// seed has a handler's signature, but main calls it once.
func seed(ctx context.Context, in *SignupInput) (*SignupOutput, error) {
	return &SignupOutput{Hash: heavy.Hash(in.Password)}, nil
}

func Routes(api huma.API, u *Users) {
	huma.Register(api, huma.Operation{Method: "POST", Path: "/signup"}, signup)
	huma.Post(api, "/reset", u.Reset)
	huma.Get(api, "/inline", func(ctx context.Context, in *SignupInput) (*SignupOutput, error) {
		heavy.Hash(in.Password) // want `Routes.func1 calls bcrypt.GenerateFromPassword via heavy.Hash`
		return nil, nil
	})
}

func Main() { // want Main:"reaches bcrypt.GenerateFromPassword"
	seed(context.Background(), &SignupInput{})
}
