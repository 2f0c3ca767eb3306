package customer

import (
	"context"
	"time"

	"thread/delay"
)

type database struct{}

// Get sleeps as if it queried a database.
func (d *database) Get(ctx context.Context, id string) string { // want Get:"reaches delay.SleepContext"
	delay.Sleep(time.Millisecond)
	return id
}

// list has no context to give.
func (d *database) list(id string) string {
	delay.Sleep(time.Millisecond)
	return id
}

// Find gives the variant its context: nothing to report.
func (d *database) Find(ctx context.Context, id string) string { // want Find:"waits on its context"
	delay.SleepContext(ctx, time.Millisecond)
	return id
}

// Wait waits on a timer and a channel: not only a context cancels it.
func (d *database) Wait(stop chan struct{}) {
	delay.Pause(time.Millisecond, stop)
}

// Fetch has its context at hand, but calls a helper that has none.
func (d *database) Fetch(ctx context.Context, id string) error { // want Fetch:"reaches delay.SleepContext"
	return d.check()
}

// check has no context: it gets Fetch's.
func (d *database) check() error {
	delay.Sleep(time.Millisecond)
	return nil
}
