// Package pb stands for the service code that protoc-gen-go-grpc
// generated with require_unimplemented_servers=false: implementations
// need not embed a stub.
package pb

import (
	"context"

	"google.golang.org/grpc"

	"program/grpcsvc/msgs"
)

type ThumbsServer interface {
	Make(context.Context, *msgs.Req) (*msgs.Reply, error)
}

func RegisterThumbsServer(s grpc.ServiceRegistrar, srv ThumbsServer) {}
