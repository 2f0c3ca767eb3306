// Package helpers has heavy helpers for the fix tests, with the result
// shapes that handlers meet.
package helpers

import (
	"context"
	"database/sql"
	"image"
	"regexp"

	"golang.org/x/crypto/bcrypt"
)

type User struct{ Name string }

type token struct{ s string }

func Register(name, pw string) (*User, error) { // want Register:"reaches bcrypt.GenerateFromPassword"
	_, err := bcrypt.GenerateFromPassword([]byte(pw), 10)
	return &User{Name: name}, err
}

func Hash(pw string) []byte { // want Hash:"reaches bcrypt.GenerateFromPassword"
	h, _ := bcrypt.GenerateFromPassword([]byte(pw), 10)
	return h
}

func Check(pw string) error { // want Check:"reaches bcrypt.CompareHashAndPassword"
	return bcrypt.CompareHashAndPassword(nil, []byte(pw))
}

func Touch(pw string) { // want Touch:"reaches bcrypt.GenerateFromPassword"
	bcrypt.GenerateFromPassword([]byte(pw), 10)
}

func Render(pw string) image.Image { // want Render:"reaches bcrypt.GenerateFromPassword"
	bcrypt.GenerateFromPassword([]byte(pw), 10)
	return nil
}

func Token(pw string) token { // want Token:"reaches bcrypt.GenerateFromPassword"
	bcrypt.GenerateFromPassword([]byte(pw), 10)
	return token{}
}

// Issue hashes pw and returns a user, a session token and an error.
func Issue(pw string) (*User, string, error) { // want Issue:"reaches bcrypt.GenerateFromPassword"
	_, err := bcrypt.GenerateFromPassword([]byte(pw), 10)
	return &User{}, "", err
}

// Kind hashes pw and returns one of a few kinds.
func Kind(pw string) int { // want Kind:"reaches bcrypt.GenerateFromPassword"
	bcrypt.GenerateFromPassword([]byte(pw), 10)
	return 0
}

func Pair(pw string) (int, int) { // want Pair:"reaches bcrypt.GenerateFromPassword"
	bcrypt.GenerateFromPassword([]byte(pw), 10)
	return 0, 0
}

// Save hashes a password (CPU-heavy) and stores it without a context
// (blocking): a call of it gets a diagnostic for each.
func Save(db *sql.DB, pw string) { // want Save:"reaches bcrypt.GenerateFromPassword, sql.DB.Exec"
	h, _ := bcrypt.GenerateFromPassword([]byte(pw), 10)
	db.Exec("UPDATE users SET hash = $1", h)
}

// Valid compiles its pattern on every call, in another package than the
// handlers that call it.
func Valid(name string) bool { // want Valid:"reaches regexp.MustCompile"
	return regexp.MustCompile(`^[a-z]+$`).MatchString(name)
}

// Users has blocking methods with context-taking siblings, for the
// forward step of threading the context.
type Users struct{ DB *sql.DB }

// Find blocks without a context; FindContext is its sibling.
func (u *Users) Find(name string) error { // want Find:"reaches sql.DB.QueryRow"
	return u.DB.QueryRow("SELECT 1 WHERE $1", name).Err()
}

func (u *Users) FindContext(ctx context.Context, name string) error { // want FindContext:"waits on its context"
	return u.DB.QueryRowContext(ctx, "SELECT 1 WHERE $1", name).Err()
}

// Save's sibling ignores its context too: it is no remedy.
func (u *Users) Save(name string) error { // want Save:"reaches sql.DB.Exec"
	_, err := u.DB.Exec("INSERT $1", name)
	return err
}

func (u *Users) SaveContext(ctx context.Context, name string) error { // want SaveContext:"reaches sql.DB.Exec"
	_, err := u.DB.Exec("INSERT $1", name)
	return err
}

// Delete's sibling is named with a WithContext suffix, as in vault's
// and the AWS SDK's APIs.
func (u *Users) Delete(name string) error { // want Delete:"reaches sql.DB.Exec"
	_, err := u.DB.Exec("DELETE $1", name)
	return err
}

func (u *Users) DeleteWithContext(ctx context.Context, name string) error { // want DeleteWithContext:"waits on its context"
	_, err := u.DB.ExecContext(ctx, "DELETE $1", name)
	return err
}

// Count's sibling takes other parameters: it is not a sibling.
func (u *Users) Count(table string) int { // want Count:"reaches sql.DB.QueryRow"
	var n int
	u.DB.QueryRow("SELECT count(*) FROM " + table).Scan(&n)
	return n
}

func (u *Users) CountContext(ctx context.Context, table string, where string) int { // want CountContext:"waits on its context"
	var n int
	u.DB.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE "+where).Scan(&n)
	return n
}

// Lookup is a function with a sibling.
func Lookup(db *sql.DB, names ...string) error { // want Lookup:"reaches sql.DB.Ping"
	return db.Ping()
}

func LookupContext(ctx context.Context, db *sql.DB, names ...string) error { // want LookupContext:"waits on its context"
	return db.PingContext(ctx)
}
