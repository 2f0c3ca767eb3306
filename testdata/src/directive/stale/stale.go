// Package stale checks that ignore directives that suppress nothing are
// reported, and those that do are not.
package stale

import (
	"net/http"
	"strings"
	"time"
)

func handle(w http.ResponseWriter, r *http.Request) {
	//blockcheck:ignore bounded retry, measured at 2 ms
	time.Sleep(2 * time.Millisecond)
	//blockcheck:ignore this once slept // want `//blockcheck:ignore suppresses nothing`
	strings.ToUpper("no sink here")
	cheap() //blockcheck:ignore cheap never reached a sink // want `//blockcheck:ignore suppresses nothing`
	quiet()
}

func cheap() {}

// quiet sleeps, and says why that is fine.
//
//blockcheck:ignore the sleep is a test hook, zero in production
func quiet() { time.Sleep(0) }

// fast does nothing heavy.
//
//blockcheck:ignore nothing to ignore here // want `//blockcheck:ignore suppresses nothing`
func fast() int { return 1 }
