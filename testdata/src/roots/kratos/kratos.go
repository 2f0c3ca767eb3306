// Package kratos proves that kratos HTTP services, registered with a
// generated RegisterXxxHTTPServer, are roots, and that a client passed
// to a generated RegisterXxxHandlerClient is not.
package kratos

import (
	"context"
	"time"

	"github.com/go-kratos/kratos/v2/transport/http"

	"heavy"
	"roots/kratos/greeter"
)

type Service struct{}

func (s *Service) SayHello(ctx context.Context, req *greeter.HelloRequest) (*greeter.HelloReply, error) { // want SayHello:"reaches bcrypt.GenerateFromPassword"
	return &greeter.HelloReply{Sig: heavy.Hash(req.Name)}, nil // want `Service.SayHello calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// slowClient is the client side: it calls a service, serves none.
type slowClient struct{}

func (slowClient) SayHello(ctx context.Context, req *greeter.HelloRequest, opts ...greeter.CallOption) (*greeter.HelloReply, error) { // want SayHello:"reaches time.Sleep"
	time.Sleep(time.Second)
	return nil, nil
}

func Register(s *http.Server) {
	greeter.RegisterGreeterHTTPServer(s, &Service{})
	greeter.RegisterGreeterHandlerClient(s, slowClient{})
}
