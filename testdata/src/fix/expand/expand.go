// Package expand checks the step that threads the request's context
// into this package's functions on a chain that have none: an
// unexported function gets a ctx parameter, which its callers fill; an
// exported one gets a Context variant and becomes a deprecated wrapper.
package expand

import (
	"database/sql"
	"net/http"
	"time"
)

type store struct{ db *sql.DB }

// count is called by a handler, and by a goroutine's function literal
// and a function without a context, which pass context.TODO().
func (s *store) count() int {
	var n int
	s.db.QueryRow("SELECT count(*) FROM users").Scan(&n)
	return n
}

func (s *store) handle(w http.ResponseWriter, r *http.Request) {
	n := s.count() // want `store.handle calls sql.DB.QueryRow via expand.store.count`
	go func() {
		_ = s.count() + n
	}()
	s.outer(3) // want `store.handle calls time.Sleep via expand.store.outer → expand.wait`
}

func (s *store) report() int { return s.count() }

// outer and wait have no context: outer, the first on the chain, gets
// it first.
func (s *store) outer(n int) {
	wait(n)
}

func wait(n int) { time.Sleep(time.Duration(n) * time.Second) }

// Save is exported: other packages may call it as it is.
//
// It stores a user.
func Save(db *sql.DB, name string, tags ...string) error { // want Save:"reaches sql.DB.Exec"
	_, err := db.Exec("INSERT INTO users VALUES ($1)", name)
	return err
}

func (s *store) signup(w http.ResponseWriter, r *http.Request) {
	Save(s.db, r.FormValue("name")) // want `store.signup calls sql.DB.Exec via expand.Save`
}

type pinger interface{ ping() error }

func (s *store) ping() error { return s.db.Ping() }

func valued(db *sql.DB) { db.Ping() }

var use = valued

func takesCtx(db *sql.DB) {
	ctx := 1
	_ = ctx
	db.Ping()
}

func (s *store) noFix(w http.ResponseWriter, r *http.Request) {
	s.ping()       // want `no suggested fix: ping is a method that may implement an interface`
	valued(s.db)   // want `no suggested fix: valued is used as a value`
	takesCtx(s.db) // want `no suggested fix: the name ctx is already used in takesCtx`
}
