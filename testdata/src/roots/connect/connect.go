// Package connect proves that connect handlers are roots.
package connect

import (
	"context"

	"connectrpc.com/connect"

	"heavy"
)

type SignupRequest struct{ Password string }
type SignupResponse struct{ Hash []byte }

type Users struct{}

func (u *Users) Signup(ctx context.Context, req *connect.Request[SignupRequest]) (*connect.Response[SignupResponse], error) { // want Signup:"reaches bcrypt.GenerateFromPassword"
	h := heavy.Hash(req.Msg.Password) // want `Users.Signup calls bcrypt.GenerateFromPassword via heavy.Hash`
	return connect.NewResponse(&SignupResponse{Hash: h}), nil
}
