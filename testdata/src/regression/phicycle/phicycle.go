// Package phicycle is a regression test for a stack overflow in the
// analysis of values that flow around a cycle of φ-nodes, found by
// running blockcheck over the standard library
// (internal/trace/traceviewer).
package phicycle

import (
	"net/http"
	"os/exec"
)

func swap(w http.ResponseWriter, r *http.Request) {
	a, b := exec.Command("a"), exec.Command("b")
	for range r.URL.Query() {
		a, b = b, a
	}
	a.Run() // two possible commands: blockcheck does not guess, and must not hang
}
