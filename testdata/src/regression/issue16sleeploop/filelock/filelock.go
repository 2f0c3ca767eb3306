// Package filelock is the helper side of issue16sleeploop: a lock retry
// loop that checks its context exports no fact, and the same loop
// without the check exports one.
package filelock

import (
	"context"
	"os"
	"time"
)

// Lock creates path exclusively, retrying until it can or ctx is done.
func Lock(ctx context.Context, path string) error {
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
		time.Sleep(10 * time.Millisecond)
	}
}

// LockControl is Lock without the context.
func LockControl(path string) error { // want LockControl:"reaches time.Sleep"
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return f.Close()
		}
		time.Sleep(10 * time.Millisecond)
	}
}
