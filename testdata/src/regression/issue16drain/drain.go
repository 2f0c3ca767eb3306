// Package issue16drain is a regression test for the drain idiom that
// the precision issue left open: if !t.Stop() { <-t.C } takes the value
// a timer already sent (or, when it was taken before, never ends),
// which is no wait that the request's context could shorten. It is not
// reported. The controls: a plain receive, a receive after a Stop that
// succeeded, and the drain of another timer than the one stopped.
package issue16drain

import (
	"net/http"
	"time"
)

func reset(w http.ResponseWriter, r *http.Request) {
	t := time.NewTimer(time.Second)
	if !t.Stop() {
		<-t.C // nothing: the drain idiom
	}
	t.Reset(time.Millisecond)
}

func controls(w http.ResponseWriter, r *http.Request) {
	t := time.NewTimer(time.Second)
	u := time.NewTimer(time.Second)
	<-t.C // want `controls calls time.NewTimer: waiting on a timer outside a select`
	if t.Stop() {
		<-t.C // want `controls calls time.NewTimer: waiting on a timer outside a select`
	}
	if !t.Stop() {
		<-u.C // want `controls calls time.NewTimer: waiting on a timer outside a select`
	}
}
