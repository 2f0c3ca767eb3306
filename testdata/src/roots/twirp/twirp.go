// Package twirp proves that the type passed to a generated Twirp
// NewXxxServer serves requests in the methods of the interface.
package twirp

import (
	"context"

	"heavy"
	"roots/twirp/haberdasher"
)

type Server struct{}

func (s *Server) MakeHat(ctx context.Context, size *haberdasher.Size) (*haberdasher.Hat, error) { // want MakeHat:"reaches bcrypt.GenerateFromPassword"
	return &haberdasher.Hat{Sig: heavy.Hash("hat")}, nil // want `Server.MakeHat calls bcrypt.GenerateFromPassword via heavy.Hash`
}

func Handler() haberdasher.TwirpServer {
	return haberdasher.NewHaberdasherServer(&Server{})
}
