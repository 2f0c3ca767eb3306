// Package grpc checks the fixes in gRPC service methods: the method's
// ctx is the context (a streaming method's stream carries it), and
// offload's error is returned with zero values for the other results.
package grpc

import (
	"context"
	"time"

	"fix/helpers"
	"roots/grpc/pb"
)

type Users struct {
	pb.UnimplementedUsersServer
}

func (u *Users) Signup(ctx context.Context, req *pb.SignupRequest) (*pb.SignupReply, error) { // want Signup:"reaches bcrypt.GenerateFromPassword"
	hash := helpers.Hash(req.Password) // want `Users.Signup calls bcrypt.GenerateFromPassword via helpers.Hash`
	return &pb.SignupReply{Hash: hash}, nil
}

// Watcher's streaming method has no ctx parameter: its stream carries
// the call's context.
type Watcher struct{}

func (Watcher) Watch(req *pb.SignupRequest, stream pb.Watch_WatchServer) error { // want Watch:"reaches time.Sleep"
	time.Sleep(time.Second) // want `Watcher.Watch calls time.Sleep`
	return stream.Send(&pb.SignupReply{})
}
