// Package testcalled checks the step that threads the request's context
// into an unexported function that the package's tests call: test files
// get no fixes, so the function keeps its signature for them and gets a
// Context variant, which the handler calls.
package testcalled

import (
	"database/sql"
	"net/http"
)

type store struct{ db *sql.DB }

// count counts the users.
func (s *store) count() int {
	var n int
	s.db.QueryRow("SELECT count(*) FROM users").Scan(&n)
	return n
}

func (s *store) handle(w http.ResponseWriter, r *http.Request) {
	_ = s.count() // want `store.handle calls sql.DB.QueryRow via testcalled.store.count`
}
