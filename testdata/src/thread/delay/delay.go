// Package delay is shaped as HotROD's after a Context variant fix:
// Sleep only calls SleepContext with a background context, and
// SleepContext waits on a timer that only its context cancels. So Sleep
// reaches a background-context path, which its callers report.
package delay

import (
	"context"
	"time"
)

// Sleep sleeps for d.
//
// Deprecated: use SleepContext.
func Sleep(d time.Duration) { // want Sleep:"variant SleepContext" Sleep:"reaches delay.SleepContext"
	SleepContext(context.Background(), d)
}

// SleepContext sleeps for d, or until ctx is done.
func SleepContext(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// Pause only calls PauseContext with a background context, but
// PauseContext also stops when stop is closed: not only its context
// cancels its wait, so Pause reaches nothing.
//
// Deprecated: use PauseContext.
func Pause(d time.Duration, stop chan struct{}) { // want Pause:"variant PauseContext"
	PauseContext(context.Background(), d, stop)
}

// PauseContext waits for d, until stop is closed or ctx is done.
func PauseContext(ctx context.Context, d time.Duration, stop chan struct{}) {
	select {
	case <-time.After(d):
	case <-stop:
	case <-ctx.Done():
	}
}
