// Package kratos proves that kratos HTTP services, registered with a
// generated RegisterXxxHTTPServer, are roots.
package kratos

import (
	"context"

	"github.com/go-kratos/kratos/v2/transport/http"

	"heavy"
	"roots/kratos/greeter"
)

type Service struct{}

func (s *Service) SayHello(ctx context.Context, req *greeter.HelloRequest) (*greeter.HelloReply, error) { // want SayHello:"reaches bcrypt.GenerateFromPassword"
	return &greeter.HelloReply{Sig: heavy.Hash(req.Name)}, nil // want `Service.SayHello calls bcrypt.GenerateFromPassword via heavy.Hash`
}

func Register(s *http.Server) {
	greeter.RegisterGreeterHTTPServer(s, &Service{})
}
