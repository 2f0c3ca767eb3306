// Package http is a stub of github.com/go-kratos/kratos/v2/transport/http.
package http

type Server struct{}

func NewServer() *Server { return &Server{} }
