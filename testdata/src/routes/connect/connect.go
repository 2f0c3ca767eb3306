// Package connect is a connect server mounted on a ServeMux: its routes
// are the procedures, not the mux's pattern.
package connect

import (
	"context"
	"net/http"

	"connectrpc.com/connect"

	"routes/connect/pingv1connect"
	"routes/work"
)

type ping struct{}

func (ping) Ping(ctx context.Context, req *connect.Request[pingv1connect.PingRequest]) (*connect.Response[pingv1connect.PingResponse], error) {
	work.Nap()
	return nil, nil
}

func (ping) Sum(ctx context.Context, req *connect.Request[pingv1connect.PingRequest]) (*connect.Response[pingv1connect.PingResponse], error) {
	return nil, nil
}

// Serve registers the service.
func Serve() {
	mux := http.NewServeMux()
	path, handler := pingv1connect.NewPingServiceHandler(ping{}) // want `\* /connect.ping.v1.PingService/Ping connect connect.ping.Ping` `\* /connect.ping.v1.PingService/Sum connect connect.ping.Sum`
	mux.Handle(path, handler)
	http.ListenAndServe(":8080", mux)
}
