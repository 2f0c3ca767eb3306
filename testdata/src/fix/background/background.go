// Package background checks that context.Background() given to a
// context-aware call in a handler is replaced by the request's context.
package background

import (
	"context"
	"database/sql"
	"net/http"
)

func handle(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		db.QueryContext(context.Background(), "SELECT 1") // want `handle.func1 calls sql.DB.QueryContext with context.Background\(\)`
	}
}
