// Package grpc is a gRPC server: a service whose methods have full
// names in the generated code, one of them left unimplemented, and an
// older service whose proto package is not known.
package grpc

import (
	"context"
	"database/sql"

	"google.golang.org/grpc"

	"routes/grpc/pb"
	"routes/work"
)

type users struct {
	pb.UnimplementedUsersServer
	db *sql.DB
}

func (u *users) Signup(ctx context.Context, req *pb.SignupRequest) (*pb.SignupReply, error) {
	return &pb.SignupReply{Hash: work.Hash(req.Password)}, nil
}

func (u *users) Lookup(ctx context.Context, req *pb.SignupRequest) (*pb.SignupReply, error) {
	return nil, work.Query(u.db, "select")
}

type keys struct{}

func (keys) Rotate(ctx context.Context, req *pb.SignupRequest) (*pb.SignupReply, error) {
	return nil, nil
}

type servers struct{ keys pb.KeysServer }

// RegisterKeys registers what its caller gives it, as an interface of
// its own.
func RegisterKeys(s *grpc.Server, k interface {
	pb.KeysServer
	Close()
}) {
	pb.RegisterKeysServer(s, k) // want `\* /\?.Keys/Rotate grpc k.Rotate`
}

// Serve registers the services.
func Serve(db *sql.DB) {
	srv := &servers{keys: keys{}}
	pb.RegisterKeysServer(grpc.NewServer(), srv.keys) // want `\* /\?.Keys/Rotate grpc grpc.keys.Rotate`
	s := grpc.NewServer()
	pb.RegisterUsersServer(s, &users{db: db}) // want `\* /shop.v1.Users/Lookup grpc grpc.users.Lookup` `\* /shop.v1.Users/Signup grpc grpc.users.Signup`
	pb.RegisterKeysServer(s, keys{})          // want `\* /\?.Keys/Rotate grpc grpc.keys.Rotate`
}
