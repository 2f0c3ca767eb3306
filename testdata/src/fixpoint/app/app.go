// Package app is the handler package of the fixed-point test: every
// finding in it has a fix, some only once an earlier fix has given a
// function the request's context.
package app

import (
	"database/sql"
	"fmt"
	"net/http"
	"regexp"
	"time"

	"fixpoint/store"
)

type server struct {
	db    *sql.DB
	users *store.Users
}

func (s *server) signup(w http.ResponseWriter, r *http.Request) {
	if !regexp.MustCompile(`^[a-z]{3,16}$`).MatchString(r.FormValue("name")) {
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	session, token, err := store.Issue(r.FormValue("pw"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprint(w, session, token, store.Hash(r.FormValue("pw")))
	s.backoff(1)
}

func (s *server) login(w http.ResponseWriter, r *http.Request) {
	hash, err := s.users.Find(r.FormValue("name"))
	if err != nil {
		http.Error(w, "no such user", http.StatusUnauthorized)
		return
	}
	if err := store.Check(hash, r.FormValue("pw")); err != nil {
		http.Error(w, "wrong password", http.StatusUnauthorized)
		return
	}
	fmt.Fprint(w, s.count())
}

// count and backoff block without a context: they get one, then their
// calls the context-aware form.
func (s *server) count() int {
	var n int
	s.db.QueryRow("SELECT count(*) FROM users").Scan(&n)
	return n
}

func (s *server) backoff(attempt int) {
	time.Sleep(time.Duration(attempt) * 100 * time.Millisecond)
}

// Routes registers the handlers.
func Routes(mux *http.ServeMux, db *sql.DB) {
	s := &server{db: db, users: &store.Users{DB: db}}
	mux.HandleFunc("/signup", s.signup)
	mux.HandleFunc("/login", s.login)
}
