// Package server is a stub of go-micro.dev/v4/server.
package server

type Server interface {
	Start() error
}

type HandlerOption func()
