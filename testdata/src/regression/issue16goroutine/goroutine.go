// Package issue16goroutine is a regression test for issue 16, pattern 1:
// a handler that waits for its goroutine in a select that also watches
// a context stops waiting when the context ends, so the goroutine's
// blocking calls do not hold the request: they are not reported. Its
// CPU-heavy work still takes CPU from every request, and is. The same
// goroutine waited for without the context is reported in full.
package issue16goroutine

import (
	"context"
	"net/http"
	"time"

	"heavy"
)

type server struct{}

func (s *server) loop(ctx context.Context) error {
	time.Sleep(time.Second)
	return nil
}

// cancellable waits in a select on the result and the request's context.
func (s *server) cancellable(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	errc := make(chan error, 1)
	go func() { errc <- s.loop(ctx) }()
	select {
	case err := <-errc:
		_ = err
	case <-ctx.Done():
	}
}

// hashes does CPU-heavy work in a goroutine it waits for the same way:
// still reported.
func (s *server) hashes(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	done := make(chan []byte, 1)
	go func() { done <- heavy.Hash("pw") }() // want `server.hashes calls bcrypt.GenerateFromPassword via issue16goroutine.server.hashes.func1 → heavy.Hash`
	select {
	case h := <-done:
		w.Write(h)
	case <-ctx.Done():
	}
}

// control waits for the same goroutine without the context: the sleep
// holds the request.
func (s *server) control(w http.ResponseWriter, r *http.Request) {
	errc := make(chan error, 1)
	go func() { errc <- s.loop(r.Context()) }() // want `server.control calls time.Sleep via issue16goroutine.server.control.func1 → issue16goroutine.server.loop`
	<-errc
}

// timeoutOnly waits in a select whose other case is a timer, not a
// context: the goroutine's sleep holds the request until one fires.
func (s *server) timeoutOnly(w http.ResponseWriter, r *http.Request) {
	errc := make(chan error, 1)
	go func() { errc <- s.loop(r.Context()) }() // want `server.timeoutOnly calls time.Sleep via issue16goroutine.server.timeoutOnly.func1 → issue16goroutine.server.loop`
	select {
	case <-errc:
	case <-time.After(time.Minute):
	}
}
