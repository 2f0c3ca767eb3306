// Package twirp is a Twirp server mounted on a ServeMux: its route is
// the service's method, not the mux's pattern. The generated package
// declares no path prefix, so the proto package shows as "?".
package twirp

import (
	"context"
	"net/http"

	"roots/twirp/haberdasher"
)

type server struct{}

func (server) MakeHat(ctx context.Context, size *haberdasher.Size) (*haberdasher.Hat, error) {
	return nil, nil
}

// Serve registers the service.
func Serve() {
	ts := haberdasher.NewHaberdasherServer(server{}) // want `POST /twirp/\?.Haberdasher/MakeHat twirp twirp.server.MakeHat`
	mux := http.NewServeMux()
	mux.Handle(ts.PathPrefix(), ts)
}
