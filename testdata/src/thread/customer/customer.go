// Package customer checks that a chain through a helper to a wrapper
// that gives its Context variant a background context is reported at
// the handler, and that the helper's call moves to the variant with the
// context it has at hand (HotROD's customer.database.Get calling
// delay.Sleep). A helper without a context gets no fix, and a helper
// that already calls the variant with its context reaches nothing.
package customer

import (
	"context"
	"net/http"
	"time"

	"thread/delay"
)

type database struct{}

// Get sleeps as if it queried a database.
func (d *database) Get(ctx context.Context, id string) string { // want Get:"reaches delay.SleepContext"
	delay.Sleep(time.Millisecond)
	return id
}

// List has no context to give.
func (d *database) List(id string) string { // want List:"reaches delay.SleepContext"
	delay.Sleep(time.Millisecond)
	return id
}

// Find gives the variant its context: nothing to report.
func (d *database) Find(ctx context.Context, id string) string {
	delay.SleepContext(ctx, time.Millisecond)
	return id
}

// Wait waits on a timer and a channel: not only a context cancels it.
func (d *database) Wait(stop chan struct{}) {
	delay.Pause(time.Millisecond, stop)
}

type server struct{ db *database }

func (s *server) get(w http.ResponseWriter, r *http.Request) {
	s.db.Get(r.Context(), r.FormValue("id")) // want `server.get calls delay.SleepContext with context.Background\(\) via customer.database.Get → delay.Sleep: the call can be cancelled, but not by the request; pass the request's context instead`
}

func (s *server) list(w http.ResponseWriter, r *http.Request) {
	s.db.List(r.FormValue("id")) // want `server.list calls delay.SleepContext with context.Background\(\) via customer.database.List → delay.Sleep: .* \(no suggested fix: List has no context to give SleepContext\)`
}

func (s *server) find(w http.ResponseWriter, r *http.Request) {
	s.db.Find(r.Context(), r.FormValue("id"))
	s.db.Wait(nil)
}

func (s *server) sleep(w http.ResponseWriter, r *http.Request) {
	delay.Sleep(time.Millisecond) // want `server.sleep calls delay.SleepContext with context.Background\(\) via delay.Sleep`
}
