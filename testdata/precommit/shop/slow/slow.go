// Package slow is the bad version of the helper: Wait sleeps without
// looking at its context, so both hooks must reject it.
package slow

import (
	"context"
	"time"
)

// Wait waits until the report is ready.
func Wait(ctx context.Context) {
	time.Sleep(100 * time.Millisecond)
}
