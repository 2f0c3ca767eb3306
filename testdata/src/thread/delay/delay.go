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
func SleepContext(ctx context.Context, d time.Duration) { // want SleepContext:"waits on its context"
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

// Nap only calls NapContext with a background context. NapContext also
// sleeps without its context: its callers still move to it, which its
// context makes better.
//
// Deprecated: use NapContext.
func Nap(d time.Duration) { // want Nap:"variant NapContext" Nap:"reaches time.Sleep, delay.NapContext"
	NapContext(context.Background(), d)
}

// NapContext sleeps for d, then for d or until ctx is done.
func NapContext(ctx context.Context, d time.Duration) { // want NapContext:"reaches time.Sleep"
	time.Sleep(d)
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}
