// Package ignore checks //blockcheck:ignore at a call site, on the
// line and on the line above.
package ignore

import (
	"net/http"
	"time"
)

func handle(w http.ResponseWriter, r *http.Request) {
	//blockcheck:ignore the retry budget is 10 ms and measured
	time.Sleep(10 * time.Millisecond)
	time.Sleep(10 * time.Millisecond) //blockcheck:ignore same budget, trailing form
	time.Sleep(time.Second)           // want `handle calls time.Sleep`
}
