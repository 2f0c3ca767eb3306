// Package sql covers database/sql and sqlx calls without a context, on
// DB, Tx and Stmt, and shows that the Context forms are fine.
package sql

import (
	"database/sql"
	"net/http"

	"github.com/jmoiron/sqlx"
)

type Store struct {
	db  *sql.DB
	dbx *sqlx.DB
}

func (s *Store) count() int {
	var n int
	s.db.QueryRow("SELECT count(*) FROM users").Scan(&n)
	return n
}

func (s *Store) handle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s.count()                                // want `Store.handle calls sql.DB.QueryRow via sql.Store.count: the query ignores the request's cancellation and keeps its connection busy after the client has gone; pass the request's context down to sql.Store.count and use QueryRowContext with it`
	s.db.Query("SELECT 1")                   // want `Store.handle calls sql.DB.Query: the query ignores the request's cancellation and keeps its connection busy after the client has gone; use QueryContext with the request's context`
	s.db.Exec("DELETE FROM sessions")        // want `Store.handle calls sql.DB.Exec`
	s.db.Ping()                              // want `Store.handle calls sql.DB.Ping`
	tx, _ := s.db.Begin()                    // want `Store.handle calls sql.DB.Begin: .*; use BeginTx with the request's context`
	tx.Exec("UPDATE users SET seen = now()") // want `Store.handle calls sql.Tx.Exec`
	stmt, _ := s.db.Prepare("SELECT 1")      // want `Store.handle calls sql.DB.Prepare`
	stmt.QueryRow()                          // want `Store.handle calls sql.Stmt.QueryRow`
	var names []string
	s.dbx.Select(&names, "SELECT name FROM users") // want `Store.handle calls sqlx.DB.Select: .*; use SelectContext with the request's context`
	s.dbx.Query("SELECT 1")                        // want `Store.handle calls sql.DB.Query`

	// Context forms: fine.
	s.db.QueryContext(ctx, "SELECT 1")
	s.db.ExecContext(ctx, "DELETE FROM sessions")
	tx2, _ := s.db.BeginTx(ctx, nil)
	tx2.QueryRowContext(ctx, "SELECT 1")
	s.dbx.GetContext(ctx, &names, "SELECT 1")
}
