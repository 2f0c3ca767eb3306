// Package bghelper checks the fixes of a background context given in a
// helper of the handler's package: a helper with the request's context
// at hand passes it instead; one without gets a context first, and the
// call given the background context gets the new one in the same fix.
package bghelper

import (
	"context"
	"database/sql"
	"net/http"
)

type store struct{ db *sql.DB }

// find has a context, but gives the query another.
func (s *store) find(ctx context.Context, id int) error {
	return s.db.QueryRowContext(context.Background(), "SELECT 1 WHERE $1", id).Err()
}

// save has no context.
func (s *store) save(name string) error {
	_, err := s.db.ExecContext(context.TODO(), "INSERT INTO users VALUES ($1)", name)
	return err
}

func (s *store) handle(w http.ResponseWriter, r *http.Request) {
	_ = s.find(r.Context(), 1) // want `store.handle calls sql.DB.QueryRowContext with context.Background\(\) via bghelper.store.find`
	_ = s.save("x")            // want `store.handle calls sql.DB.ExecContext with context.TODO\(\) via bghelper.store.save`
}
