// Package grpc proves that gRPC service methods are roots, whether the
// implementation embeds the generated Unimplemented type or just
// implements the generated interface, and that interceptors are too;
// other methods of the same types are not.
package grpc

import (
	"context"

	"google.golang.org/grpc"

	"heavy"
	"roots/grpc/pb"
)

type Users struct {
	pb.UnimplementedUsersServer
}

func (u *Users) Signup(ctx context.Context, req *pb.SignupRequest) (*pb.SignupReply, error) { // want Signup:"reaches bcrypt.GenerateFromPassword"
	return &pb.SignupReply{Hash: heavy.Hash(req.Password)}, nil // want `Users.Signup calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// Rehash is not a service method: not a root.
func (u *Users) Rehash(pw string) []byte { // want Rehash:"reaches bcrypt.GenerateFromPassword"
	return heavy.Hash(pw)
}

type Keys struct{}

func (k Keys) Rotate(ctx context.Context, req *pb.SignupRequest) (*pb.SignupReply, error) { // want Rotate:"reaches bcrypt.GenerateFromPassword"
	return &pb.SignupReply{Hash: heavy.Hash(req.Password)}, nil // want `Keys.Rotate calls bcrypt.GenerateFromPassword via heavy.Hash`
}

func audit(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	heavy.Hash(info.FullMethod) // want `audit calls bcrypt.GenerateFromPassword via heavy.Hash`
	return handler(ctx, req)
}

func Serve() {
	s := grpc.NewServer(grpc.UnaryInterceptor(audit))
	pb.RegisterUsersServer(s, &Users{})
	pb.RegisterKeysServer(s, Keys{})
}
