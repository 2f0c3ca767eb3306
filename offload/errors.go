package offload

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// ErrOverloaded is returned when a pool refuses a task because its queue is
// full, or because the task waited in the queue longer than the pool's
// [WithMaxWait], in which case the error wraps it and says so. The task
// was not started. [HTTPStatus] maps it to 503 Service Unavailable.
var ErrOverloaded = errors.New("offload: pool overloaded")

// ErrClosed is returned for a task given to a pool after [Pool.Shutdown]
// began, and for a queued task that Shutdown dropped when its deadline
// passed. The task was not started. [HTTPStatus] maps it to 503 Service
// Unavailable, as a server that is shutting down is unavailable.
var ErrClosed = errors.New("offload: pool closed")

// errGoexit is returned when a task called [runtime.Goexit] (as t.FailNow
// does) on a worker goroutine.
var errGoexit = errors.New("offload: task called runtime.Goexit")

// PanicError is the error returned for a task that panicked. The pool
// recovers the panic so that one bad input cannot take the server down, and
// hands it to the one caller who can act on it, with the value and the stack
// of the panicking goroutine. The worker goes on with the next task.
//
// offload returns the panic rather than re-panicking in the caller, as
// conc does, because the caller of [Do] is a request handler: a re-panic
// there would only be recovered again by net/http, with the task's stack
// lost. Unlike errgroup, which leaves a panic to crash the program, offload
// runs tasks on goroutines the caller did not start, where a crash would be
// hard to attribute.
type PanicError struct {
	// Value is the value the task passed to panic.
	Value any
	// Stack is the panicking goroutine's stack, as printed by
	// [runtime/debug.Stack], taken where the panic was recovered.
	Stack []byte
}

func newPanicError(v any) *PanicError {
	return &PanicError{Value: v, Stack: debug.Stack()}
}

// Error returns "offload: task panicked: " followed by the panic value, a
// blank line and the stack, so that logging the error keeps both.
func (e *PanicError) Error() string {
	return fmt.Sprintf("offload: task panicked: %v\n\n%s", e.Value, e.Stack)
}

// Unwrap returns the panic value when it is an error, so that
// [errors.Is] and [errors.As] see through the panic, and nil otherwise.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}
