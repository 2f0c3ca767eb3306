// Package twirp proves that the type passed to a generated Twirp
// NewXxxServer serves requests in the methods of the interface, and
// that the HTTPClient passed to the generated client's constructor
// does not.
package twirp

import (
	"context"
	"net/http"
	"time"

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

// retrying is the client side: it sends requests, serves none.
type retrying struct{ c *http.Client }

func (r retrying) Do(req *http.Request) (*http.Response, error) { // want Do:"reaches time.Sleep"
	for {
		resp, err := r.c.Do(req)
		if err == nil {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
}

func Client() haberdasher.Haberdasher {
	return haberdasher.NewHaberdasherProtobufClient("http://hats", retrying{http.DefaultClient})
}
