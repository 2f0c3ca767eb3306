// Package waitstore is a package of the application whose functions
// wait on the context they are given: its facts say so, for the
// handlers of other packages (fix/waitfact).
package waitstore

import (
	"context"
	"database/sql"
	"time"
)

// Find waits on ctx in its query.
func Find(ctx context.Context, db *sql.DB, id int) error {
	return db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Err()
}

// FindAll waits on ctx through Find.
func FindAll(ctx context.Context, db *sql.DB, ids []int) error {
	for _, id := range ids {
		if err := Find(ctx, db, id); err != nil {
			return err
		}
	}
	return nil
}

// Backoff waits on a timer and ctx.
func Backoff(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Log takes a context but does not wait on it.
func Log(ctx context.Context, msg string) { _ = msg }
