// Package issue16select is a regression test for issue 16 (pattern 6):
// a wait in a select whose every case is a timer was explained as
// "waiting on a timer outside a select". Such a select is now reported
// in words that say what it is, also through a helper in another
// package (the fact carries it); a receive on its own keeps "outside a
// select". A select with any other case can end another way and is not
// reported, whichever context's Done it watches (a parameter's, a
// field's) or whatever other channel: per-package analysis cannot tell
// the request's context from another, so no message claims that it
// does.
package issue16select

import (
	"context"
	"net/http"
	"time"

	"regression/issue16select/timers"
)

type handler struct {
	ctx  context.Context // the server's, not the request's
	stop chan struct{}
}

func (h *handler) serve(w http.ResponseWriter, r *http.Request) {
	t := time.NewTimer(time.Second)
	select { // want `handler.serve calls time.NewTimer: a select whose every case waits on a timer ignores the request's cancellation; wait in a select on the timer and ctx.Done\(\)`
	case <-t.C:
	case <-time.After(time.Minute):
	}
	select {
	case <-time.After(time.Second): // want `handler.serve calls time.After: a select whose every case waits on a timer ignores the request's cancellation`
	}
	<-time.After(time.Second) // want `handler.serve calls time.After: waiting on a timer outside a select ignores the request's cancellation`
	timers.Wait(time.Second)  // want `handler.serve calls time.After via timers.Wait: a select whose every case waits on a timer ignores the request's cancellation`

	// Another case ends the wait: not reported, whatever it watches.
	select {
	case <-t.C:
	case <-h.ctx.Done():
	}
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
	select {
	case <-time.After(time.Second):
	case <-h.stop:
	}
}

func withContext(ctx context.Context, w http.ResponseWriter, r *http.Request) {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
