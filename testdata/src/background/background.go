// Package background covers context-aware calls given
// context.Background() or context.TODO() on a request path.
package background

import (
	"context"
	"database/sql"
	"net/http"
	"os/exec"
)

type Store struct{ db *sql.DB }

func (s *Store) list() {
	s.db.QueryContext(context.Background(), "SELECT 1")
}

func (s *Store) handle(w http.ResponseWriter, r *http.Request) {
	s.list()                                                          // want `Store.handle calls sql.DB.QueryContext with context.Background\(\) via background.Store.list: the call can be cancelled, but not by the request; pass the request's context instead`
	exec.CommandContext(context.TODO(), "ls").Run()                   // want `Store.handle calls exec.CommandContext with context.TODO\(\)`
	http.NewRequestWithContext(context.Background(), "GET", "/", nil) // want `Store.handle calls http.NewRequestWithContext with context.Background\(\)`

	s.db.QueryContext(r.Context(), "SELECT 1") // fine
	ctx, cancel := context.WithTimeout(context.Background(), 5)
	defer cancel()
	s.db.QueryContext(ctx, "SELECT 1") // detached on purpose, with a deadline: not reported
}
