// Package higherorder is a regression test for a false alarm found on
// jaeger in whole-program mode: badger's DB.Update calls the closure
// it is given, and VTA, which merges the closures all callers pass,
// blamed a handler for another caller's sleep. Calls of a parameter
// are resolved with the function value each caller passes.
package higherorder

import (
	"net/http"
	"time"
)

type DB struct{}

// Update runs fn in a transaction.
func (db *DB) Update(fn func() error) error { return fn() }

// Purge runs at shutdown and may sleep.
func Purge(db *DB) {
	db.Update(func() error { time.Sleep(time.Second); return nil })
}

type Store struct{ db *DB }

func (s *Store) save(w http.ResponseWriter, r *http.Request) {
	s.db.Update(func() error { return nil }) // must not report Purge's sleep
}

func (s *Store) slow(w http.ResponseWriter, r *http.Request) {
	s.db.Update(func() error { time.Sleep(time.Millisecond); return nil }) // want `Store.slow calls time.Sleep via higherorder.DB.Update → higherorder.Store.slow.func1`
}
