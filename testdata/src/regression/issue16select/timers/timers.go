// Package timers is the helper side of issue16select: a select whose
// every case waits on a timer, reached from a handler in another
// package.
package timers

import "time"

// Wait waits for d, or for a minute at most.
func Wait(d time.Duration) { // want Wait:"reaches time.After"
	select {
	case <-time.After(d):
	case <-time.After(time.Minute):
	}
}
