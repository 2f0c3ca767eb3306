// Package higherorder is a regression test for a false alarm found on
// jaeger in whole-program mode: badger's DB.Update calls the closure
// it is given, and VTA, which merges the closures all callers pass,
// blamed a handler for another caller's sleep. Calls of a parameter
// are resolved with the function value each caller passes; so are calls
// of a parameter from a closure (hydra's popx.Transaction retries its
// callback in a closure, cortex's concurrency.ForEachUser calls it in
// goroutines it waits for).
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

// Tx runs fn in a transaction, retried: fn is called from a closure.
func (db *DB) Tx(fn func() error) error {
	return retry(func() error { return fn() })
}

func retry(f func() error) error { return f() }

// Rotate runs at start-up and may sleep.
func Rotate(db *DB) {
	db.Tx(func() error { time.Sleep(time.Second); return nil })
}

func (s *Store) update(w http.ResponseWriter, r *http.Request) {
	s.db.Tx(func() error { return nil }) // must not report Rotate's sleep
}

func (s *Store) slowTx(w http.ResponseWriter, r *http.Request) {
	s.db.Tx(func() error { time.Sleep(time.Millisecond); return nil }) // want `Store.slowTx calls time.Sleep via higherorder.DB.Tx`
}

// Run calls fn itself inside a transaction, else from a closure: as
// fn is captured, both calls load it from a variable (ory/x's
// popx.Transaction, on hydra).
func (db *DB) Run(nested bool, fn func() error) error {
	if nested {
		return fn()
	}
	return retry(func() error { return fn() })
}

// Seed runs at start-up and may sleep.
func Seed(db *DB) {
	db.Run(false, func() error { time.Sleep(time.Second); return nil })
}

func (s *Store) patch(w http.ResponseWriter, r *http.Request) {
	s.db.Run(true, func() error { return nil }) // must not report Seed's sleep
}

// wrap returns a handler that calls f. The closure outlives wrap's
// call, so its call of f is not wrap's: whole-program dispatch
// resolves it (a regression test for a finding lost on prometheus,
// whose API.Register wraps every endpoint so).
func wrap(f func(r *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f(r) // want `wrap.func1 calls time.Sleep via higherorder.deleteSeries`
	}
}

func deleteSeries(r *http.Request) error {
	time.Sleep(time.Millisecond)
	return nil
}

func Register(mux *http.ServeMux) {
	mux.HandleFunc("/delete", wrap(deleteSeries))
}
