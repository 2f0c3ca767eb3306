// Package libother keeps func() values in a slice of its own, which a
// whole-program VTA graph merges with every other []func().
package libother

import "time"

var cleanups []func()

// Init registers a cleanup that sleeps; it has nothing to do with any
// request.
func Init() {
	cleanups = append(cleanups, func() { time.Sleep(time.Second) })
}

// Cleanup runs the cleanups.
func Cleanup() {
	for _, f := range cleanups {
		f()
	}
}
