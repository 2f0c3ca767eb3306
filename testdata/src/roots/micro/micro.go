// Package micro proves that go-micro handlers, registered with a
// generated RegisterXxxHandler, are roots.
package micro

import (
	"context"

	"go-micro.dev/v4/server"

	"heavy"
	"roots/micro/greeter"
)

type Greeter struct{}

func (g *Greeter) Hello(ctx context.Context, req *greeter.Request, rsp *greeter.Response) error { // want Hello:"reaches bcrypt.GenerateFromPassword"
	rsp.Sig = heavy.Hash(req.Name) // want `Greeter.Hello calls bcrypt.GenerateFromPassword via heavy.Hash`
	return nil
}

func Register(s server.Server) error {
	return greeter.RegisterGreeterHandler(s, &Greeter{})
}
