// Package issue16sleeploop is a regression test for issue 16 (pattern
// 2): sleeps and timer waits in throttle, spin and retry loops that
// check a context for cancellation on each iteration were reported as
// blocking without cancellation. Such a loop stops within one wait once
// the context is done, so each shape below is silent, with a control
// beside it: the same loop without the check, still reported. A loop
// whose every iteration does not pass the check (an inner loop, a
// continue before it) is reported too, and so is a sleep in a helper
// that the checking loop calls: the rule is about the loop around the
// sleep itself.
package issue16sleeploop

import (
	"context"
	"errors"
	"net/http"
	"os"
	"time"

	"regression/issue16sleeploop/filelock"
)

func busy() bool { return os.Getenv("BUSY") != "" }

// Throttle: the loop's condition checks the context.

func throttle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	for ctx.Err() == nil {
		if !busy() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func throttleControl(w http.ResponseWriter, r *http.Request) {
	for busy() {
		time.Sleep(50 * time.Millisecond) // want `throttleControl calls time.Sleep: time.Sleep ignores the request's cancellation`
	}
}

// Spin: the body returns when the context is done, before it sleeps.

func spin(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	for busy() {
		if ctx.Err() != nil {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// spinAfter checks after the sleep: every iteration still checks.
func spinAfter(w http.ResponseWriter, r *http.Request) {
	for busy() {
		time.Sleep(time.Millisecond)
		if err := r.Context().Err(); errors.Is(err, context.Canceled) {
			return
		}
	}
}

func spinControl(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if ctx.Err() != nil { // checked once, not on each iteration
		return
	}
	for busy() {
		time.Sleep(time.Millisecond) // want `spinControl calls time.Sleep`
	}
}

// Lock retry: a helper polls ctx.Done() in a select with a default case
// on each attempt, then sleeps.

func lock(ctx context.Context, path string) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return f.Close()
		}
		if !errors.Is(err, os.ErrExist) {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func lockControl(path string) error {
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return f.Close()
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func upload(w http.ResponseWriter, r *http.Request) {
	lock(r.Context(), "/tmp/upload.lock")
	filelock.Lock(r.Context(), "/tmp/upload.lock")
	lockControl("/tmp/upload.lock")          // want `upload calls time.Sleep via issue16sleeploop.lockControl`
	filelock.LockControl("/tmp/upload.lock") // want `upload calls time.Sleep via filelock.LockControl`
}

// The Done channel taken before the loop, and a context in a field:
// any context.Context counts, not only the request's.

type poller struct{ ctx context.Context }

func (p *poller) poll(w http.ResponseWriter, r *http.Request) {
	done := r.Context().Done()
	for busy() {
		select {
		case <-done:
			return
		default:
		}
		time.Sleep(time.Millisecond)
	}
	for p.ctx.Err() == nil && busy() {
		time.Sleep(time.Millisecond)
	}
}

// Timer waits in a checking loop, as bounded as a sleep.

func timers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	for ctx.Err() == nil && busy() {
		<-time.After(time.Millisecond)
	}
	t := time.NewTimer(time.Millisecond)
	for ctx.Err() == nil && busy() {
		<-t.C
		t.Reset(time.Millisecond)
	}
	for ctx.Err() == nil && busy() {
		select {
		case <-time.After(time.Millisecond):
		}
	}
}

func timersControl(w http.ResponseWriter, r *http.Request) {
	for busy() {
		<-time.After(time.Millisecond) // want `timersControl calls time.After: waiting on a timer outside a select`
	}
}

// Loops that do not check on every iteration.

func nested(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	for ctx.Err() == nil {
		for busy() { // spins as long as it is busy, whatever ctx says
			time.Sleep(time.Millisecond) // want `nested calls time.Sleep`
		}
	}
}

func skipped(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	for {
		if busy() {
			time.Sleep(time.Millisecond) // want `skipped calls time.Sleep`
			continue                     // back to the top, past the check
		}
		if ctx.Err() != nil {
			return
		}
	}
}

// A sleep in a helper that the checking loop calls: the helper has no
// loop of its own, and per-function summaries do not carry where they
// are called from.

func backoff() { time.Sleep(10 * time.Millisecond) }

func retry(w http.ResponseWriter, r *http.Request) {
	for r.Context().Err() == nil && busy() {
		backoff() // want `retry calls time.Sleep via issue16sleeploop.backoff`
	}
}
