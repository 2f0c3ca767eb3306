// Package helpers has heavy helpers for the fix tests, with the result
// shapes that handlers meet.
package helpers

import (
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
