// Package helperctx checks the context-aware rewrites of blocking calls
// made in helpers of the handler's package that have the request's
// context at hand: a context.Context parameter, or the *http.Request.
// The diagnostics are the handlers'; the fixes edit the helpers.
package helperctx

import (
	"context"
	"database/sql"
	"net"
	"net/http"
	"os/exec"
	"time"
)

type store struct{ db *sql.DB }

func (s *store) find(ctx context.Context, id int) error {
	return s.db.QueryRow("SELECT name FROM users WHERE id = $1", id).Err()
}

func (s *store) touch(ctx context.Context) {
	s.db.Exec("UPDATE users SET seen = now()")
	tx, err := s.db.Begin()
	if err == nil {
		tx.Rollback()
	}
}

func (s *store) begin(ctx context.Context) (*sql.Tx, error) {
	return s.db.Begin()
}

func usage(ctx context.Context) ([]byte, error) {
	return exec.Command("du", "-sh", "/tmp").Output()
}

func upstream(r *http.Request) error {
	req, err := http.NewRequest("GET", "https://example.com/", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func ping(ctx context.Context, addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	return conn.Close()
}

func backoff(ctx context.Context, attempt int) error {
	time.Sleep(time.Duration(attempt) * 100 * time.Millisecond)
	return nil
}

func (s *store) handle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s.find(ctx, 1)       // want `store.handle calls sql.DB.QueryRow via helperctx.store.find: .*store.find has a context.Context but does not use it here`
	s.touch(ctx)         // want `store.handle calls sql.DB.Exec via helperctx.store.touch`
	s.begin(ctx)         // want `store.handle calls sql.DB.Begin via helperctx.store.begin`
	usage(ctx)           // want `store.handle calls exec.Cmd.Output via helperctx.usage`
	upstream(r)          // want `store.handle calls http.Client.Do via helperctx.upstream`
	ping(ctx, "db:5432") // want `store.handle calls net.Dial via helperctx.ping`
	backoff(ctx, 1)      // want `store.handle calls time.Sleep via helperctx.backoff`
}

// again reaches find too: its diagnostic offers the same edit, which
// is applied once.
func (s *store) again(w http.ResponseWriter, r *http.Request) {
	s.find(r.Context(), 2) // want `store.again calls sql.DB.QueryRow via helperctx.store.find`
}

// later sleeps in a function literal, whose returns are not the
// helper's: no fix.
func (s *store) later(ctx context.Context) {
	func() {
		time.Sleep(time.Millisecond)
	}()
}

func (s *store) noFix(w http.ResponseWriter, r *http.Request) {
	s.later(r.Context()) // want `store.noFix calls time.Sleep via helperctx.store.later → helperctx.store.later.func1: .*wait in a select on the timer and ctx.Done\(\)$`
}
