// Package connectsimple proves that the methods of connect services
// generated with the simple option are roots, whether the type embeds
// the generated UnimplementedXxxHandler or only implements the
// generated interface; other methods of the same types are not.
package connectsimple

import (
	"context"

	"heavy"
	"roots/connectsimple/greetv1connect"
)

type Greeter struct {
	greetv1connect.UnimplementedGreetServiceHandler
}

func (g *Greeter) Greet(ctx context.Context, req *greetv1connect.GreetRequest) (*greetv1connect.GreetResponse, error) { // want Greet:"reaches bcrypt.GenerateFromPassword"
	return &greetv1connect.GreetResponse{Hash: heavy.Hash(req.Name)}, nil // want `Greeter.Greet calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// Salt is not a service method: not a root.
func (g *Greeter) Salt(name string) []byte { // want Salt:"reaches bcrypt.GenerateFromPassword"
	return heavy.Hash(name)
}

// Plain implements the interface without embedding.
type Plain struct{}

func (Plain) Greet(ctx context.Context, req *greetv1connect.GreetRequest) (*greetv1connect.GreetResponse, error) { // want Greet:"reaches bcrypt.GenerateFromPassword"
	return &greetv1connect.GreetResponse{Hash: heavy.Hash(req.Name)}, nil // want `Plain.Greet calls bcrypt.GenerateFromPassword via heavy.Hash`
}

func (Plain) Farewell(ctx context.Context, req *greetv1connect.GreetRequest) (*greetv1connect.GreetResponse, error) {
	return nil, nil
}

func Mount() {
	greetv1connect.NewGreetServiceHandler(&Greeter{})
	greetv1connect.NewGreetServiceHandler(Plain{})
}
