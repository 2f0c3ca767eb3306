// Package waitfact checks calls that give a function of another package
// of the application, which waits on its context (its fact says so),
// context.Background() or context.TODO(): the request's cancellation
// no longer reaches the wait, and the fix passes the request's context.
package waitfact

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"waitstore"
)

type server struct{ db *sql.DB }

func (s *server) user(w http.ResponseWriter, r *http.Request) {
	waitstore.Find(context.Background(), s.db, 1)        // want `server.user calls waitstore.Find with context.Background\(\)`
	waitstore.FindAll(context.TODO(), s.db, []int{1, 2}) // want `server.user calls waitstore.FindAll with context.TODO\(\)`
	waitstore.Backoff(context.Background(), time.Second) // want `server.user calls waitstore.Backoff with context.Background\(\)`
}

// Negative: the request's context, and a function that does not wait.
func (s *server) quiet(w http.ResponseWriter, r *http.Request) {
	waitstore.Find(r.Context(), s.db, 1)
	waitstore.Log(context.Background(), "quiet")
}
