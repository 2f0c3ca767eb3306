// Package grpc is a stub of google.golang.org/grpc for tests.
package grpc

import "context"

type ServiceDesc struct{ ServiceName string }

type ServiceRegistrar interface {
	RegisterService(desc *ServiceDesc, impl any)
}

type Server struct{}

func NewServer(opts ...ServerOption) *Server                  { return &Server{} }
func (s *Server) RegisterService(desc *ServiceDesc, impl any) {}

type ServerOption interface{}

func UnaryInterceptor(i UnaryServerInterceptor) ServerOption { return nil }

type UnaryServerInfo struct{ FullMethod string }

type UnaryHandler func(ctx context.Context, req any) (any, error)

type UnaryServerInterceptor func(ctx context.Context, req any, info *UnaryServerInfo, handler UnaryHandler) (any, error)

type ServerStream interface {
	Context() context.Context
	SendMsg(m any) error
	RecvMsg(m any) error
}

type StreamServerInfo struct{ FullMethod string }

type StreamHandler func(srv any, stream ServerStream) error
