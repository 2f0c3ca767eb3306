// Package grpc checks the offload fix in gRPC service methods: the
// method's ctx is the context, and offload's error is returned with
// zero values for the other results.
package grpc

import (
	"context"

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
