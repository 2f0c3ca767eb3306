// Package ignored checks the ignore-roots option: a method that
// implements an interface's method named there, a method and a function
// named there are no roots; others of the same kinds still are.
package ignored

import (
	"context"
	"net/http"

	"heavy"
	"roots/grpc/pb"
	"roots/ignored/configpb"
)

// Plugin implements configpb.ConfigServer, whose methods are ignored.
type Plugin struct{}

func (Plugin) Configure(ctx context.Context, req *configpb.ConfigureRequest) (*configpb.ConfigureResponse, error) { // want Configure:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(req.Config)
	return &configpb.ConfigureResponse{}, nil
}

func (Plugin) Validate(ctx context.Context, req *configpb.ConfigureRequest) (*configpb.ConfigureResponse, error) { // want Validate:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(req.Config)
	return &configpb.ConfigureResponse{}, nil
}

// Mixed implements configpb.ConfigServer through its pointer: one
// method has a value receiver, the other a pointer receiver.
type Mixed struct{}

func (Mixed) Configure(ctx context.Context, req *configpb.ConfigureRequest) (*configpb.ConfigureResponse, error) { // want Configure:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(req.Config)
	return &configpb.ConfigureResponse{}, nil
}

func (*Mixed) Validate(ctx context.Context, req *configpb.ConfigureRequest) (*configpb.ConfigureResponse, error) { // want Validate:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(req.Config)
	return &configpb.ConfigureResponse{}, nil
}

// Users implements pb.UsersServer, which is not ignored.
type Users struct{ pb.UnimplementedUsersServer }

func (*Users) Signup(ctx context.Context, req *pb.SignupRequest) (*pb.SignupReply, error) { // want Signup:"reaches bcrypt.GenerateFromPassword"
	return &pb.SignupReply{Hash: heavy.Hash(req.Password)}, nil // want `Users.Signup calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// Admin serves the operators' pages.
type Admin struct{}

func (*Admin) Stats(w http.ResponseWriter, r *http.Request) { // want Stats:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(r.FormValue("pw"))
}

func (*Admin) Reset(w http.ResponseWriter, r *http.Request) { // want Reset:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(r.FormValue("pw")) // want `Admin.Reset calls bcrypt.GenerateFromPassword via heavy.Hash`
}

func health(w http.ResponseWriter, r *http.Request) {
	heavy.Hash("probe")
}

func Serve(mux *http.ServeMux) {
	mux.HandleFunc("/healthz", health)
	mux.Handle("/admin/stats", http.HandlerFunc((&Admin{}).Stats))
}
