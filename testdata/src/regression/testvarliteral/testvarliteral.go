// Package testvarliteral is a regression test for handlers written as
// function literals in the package-level variables of a _test.go file
// (centrifugo's websocket tests): they belong to the package's init,
// which has no position, and were taken as roots of production code.
package testvarliteral

import "net/http"

// Upgrader calls Error on a failed upgrade.
type Upgrader struct {
	Error func(w http.ResponseWriter, r *http.Request, status int, reason error)
}
