// Package server registers the service of package impl.
package server

import (
	"google.golang.org/grpc"

	"program/grpcsvc/impl"
	"program/grpcsvc/pb"
)

func Serve() {
	pb.RegisterThumbsServer(grpc.NewServer(), impl.Thumbs{})
}
