// Package closure checks chains through function literals that are
// called, and shows that literals that are only passed along are not
// followed.
package closure

import (
	"net/http"
	"sort"

	"heavy"
)

func handle(w http.ResponseWriter, r *http.Request) {
	hash := func(s string) []byte { return heavy.Hash(s) }
	hash("x") // want `handle calls bcrypt.GenerateFromPassword via closure.handle.func1 → heavy.Hash`

	func() { // want `handle calls bcrypt.GenerateFromPassword via closure.handle.func2 → heavy.Hash`
		heavy.Hash("y") // the literal is not a root: reported where it is called
	}()

	cb := func() { heavy.Hash("z") }
	register(cb)                                                               // passed along, never called here: not followed
	sort.Slice([]int{}, func(i, j int) bool { heavy.Hash("w"); return false }) // not followed either
}

var callbacks []func()

func register(f func()) { callbacks = append(callbacks, f) }

// retry calls f until it succeeds: the closures its callers pass are
// on their request paths, each its own.
func retry(f func() error) error {
	var err error
	for range 3 {
		if err = f(); err == nil {
			return nil
		}
	}
	return err
}

// twice passes its parameter on to retry.
func twice(f func() error) { retry(f); retry(f) }

func upload(w http.ResponseWriter, r *http.Request) {
	retry(func() error { heavy.Hash("x"); return nil }) // want `upload calls bcrypt.GenerateFromPassword via closure.retry → closure.upload.func1 → heavy.Hash`
	twice(func() error { heavy.Hash("y"); return nil }) // want `upload calls bcrypt.GenerateFromPassword via closure.twice → closure.upload.func2 → heavy.Hash`
	retry(func() error { return nil })                  // a cheap closure: the heavy ones above are not its
}
