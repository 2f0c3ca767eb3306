// Package sleep covers sleeps and timer waits that ignore the request's
// cancellation, and shows that a select on ctx.Done() is fine. A sleep
// of a millisecond is reported like a longer one (see the catalog's
// sleep entry for why).
package sleep

import (
	"net/http"
	"time"
)

func backoff(attempt int) {
	time.Sleep(time.Duration(attempt) * 100 * time.Millisecond)
}

func retry(w http.ResponseWriter, r *http.Request) {
	backoff(1)                // want `retry calls time.Sleep via sleep.backoff: time.Sleep ignores the request's cancellation; pass the request's context down to sleep.backoff and wait in a select on the timer and ctx.Done\(\)`
	time.Sleep(time.Second)   // want `retry calls time.Sleep: time.Sleep ignores the request's cancellation; wait in a select on the timer and ctx.Done\(\)`
	<-time.After(time.Second) // want `retry calls time.After: waiting on a timer outside a select ignores the request's cancellation`
	t := time.NewTimer(time.Second)
	<-t.C // want `retry calls time.NewTimer: waiting on a timer`

	// Short, constant and outside any loop: still a wait that ignores
	// the request's cancellation.
	time.Sleep(time.Millisecond) // want `retry calls time.Sleep: time.Sleep ignores the request's cancellation`
	select {
	case <-time.After(time.Second): // want `retry calls time.After: a select whose every case waits on a timer ignores the request's cancellation`
	}

	// Cancellable waits: fine.
	select {
	case <-time.After(time.Second):
	case <-r.Context().Done():
		return
	}
	t2 := time.NewTimer(time.Second)
	defer t2.Stop()
	select {
	case <-t2.C:
	case <-r.Context().Done():
	}
}
