// Package lib checks the fixes made for calls that -fix-at names: calls
// that request chains reported in other packages reach here, fixed in
// this package. Each call named is marked with a comment "hint".
package lib

import (
	"context"
	"database/sql"
	"regexp"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// Valid compiles its pattern on every call.
func Valid(name string) bool { // want Valid:"reaches regexp.MustCompile"
	return regexp.MustCompile(`^[a-z]+$`).MatchString(name) // hint // want `lib.Valid calls regexp.MustCompile on a request path \(named by -fix-at\)`
}

// Save stores a name without a context: it gets a SaveContext variant,
// which makes the query with it.
func Save(db *sql.DB, name string) error { // want Save:"reaches sql.DB.Exec"
	_, err := db.Exec("INSERT INTO users VALUES ($1)", name) // hint // want `lib.Save calls sql.DB.Exec on a request path`
	return err
}

// Find has a context, which the query now uses.
func Find(ctx context.Context, db *sql.DB, name string) error { // want Find:"reaches sql.DB.QueryRow"
	return db.QueryRow("SELECT 1 WHERE $1", name).Err() // hint // want `lib.Find calls sql.DB.QueryRow on a request path`
}

// Backoff calls wait, which gets a ctx parameter; Backoff, without a
// context, passes context.TODO().
func Backoff(n int) { // want Backoff:"reaches time.Sleep"
	wait(n)
}

func wait(n int) {
	time.Sleep(time.Duration(n) * time.Millisecond) // hint // want `lib.wait calls time.Sleep on a request path`
}

// Hash is CPU-heavy: offload wraps its call at the root, so a hint
// here reports nothing.
func Hash(pw string) []byte { // want Hash:"reaches bcrypt.GenerateFromPassword"
	h, _ := bcrypt.GenerateFromPassword([]byte(pw), 10) // hint
	return h
}

// Pause only gives its variant a background context, as a Context
// variant fix leaves a function.
//
// Deprecated: use PauseContext.
func Pause(d time.Duration) { // want Pause:"variant PauseContext" Pause:"reaches lib.PauseContext"
	PauseContext(context.Background(), d)
}

// PauseContext waits for d, or until ctx is done.
func PauseContext(ctx context.Context, d time.Duration) { // want PauseContext:"waits on its context"
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}

// Refresh has a context: its call of the wrapper moves to the variant.
func Refresh(ctx context.Context) { // want Refresh:"reaches lib.PauseContext"
	Pause(time.Millisecond) // hint // want `lib.Refresh calls lib.Pause on a request path \(named by -fix-at\), which gives PauseContext a background context`
}

// poll has none: it gets one, and its call moves on the next round.
func poll() {
	Pause(time.Millisecond) // hint // want `lib.poll calls lib.Pause on a request path \(named by -fix-at\)`
}
