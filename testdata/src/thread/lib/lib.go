// Package lib has a function that only calls its context-taking
// variant with a background context, as a Context variant fix leaves
// it: it gets a Variant fact. Functions that do more get none.
package lib

import (
	"context"
	"database/sql"
)

// Users is the users table.
type Users struct{ DB *sql.DB }

// Save only calls SaveContext with a background context.
//
// Deprecated: use SaveContext.
func (u *Users) Save(name string, tags ...string) error { // want Save:"variant SaveContext" Save:"reaches lib.Users.SaveContext"
	return u.SaveContext(context.Background(), name, tags...)
}

// SaveContext stores a user, giving up when ctx is done.
func (u *Users) SaveContext(ctx context.Context, name string, tags ...string) error { // want SaveContext:"waits on its context"
	_, err := u.DB.ExecContext(ctx, "INSERT INTO users VALUES ($1)", name)
	return err
}

// Touch has no results and calls TouchContext with context.TODO().
func Touch(db *sql.DB) { // want Touch:"variant TouchContext" Touch:"reaches lib.TouchContext"
	TouchContext(context.TODO(), db)
}

// TouchContext pings the database.
func TouchContext(ctx context.Context, db *sql.DB) { db.PingContext(ctx) } // want TouchContext:"waits on its context"

// Swap passes its parameters in another order: no fact.
func Swap(a, b string) error { return SwapContext(context.Background(), b, a) }

// SwapContext does nothing.
func SwapContext(ctx context.Context, a, b string) error { return nil }
