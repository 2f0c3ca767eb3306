// Package connect is a stub of connectrpc.com/connect for tests.
package connect

type HandlerOption interface{ applyToHandler() }

type Request[T any] struct{ Msg *T }

type Response[T any] struct{ Msg *T }

func NewResponse[T any](message *T) *Response[T] { return &Response[T]{Msg: message} }
