// Package store is the lower package of the fixed-point test: it has a
// blocking method with a context-taking sibling, and CPU-heavy
// functions with the result shapes that handlers meet.
package store

import (
	"context"
	"database/sql"

	"golang.org/x/crypto/bcrypt"
)

// Users is the users table.
type Users struct{ DB *sql.DB }

// Find looks a user up without a context.
func (u *Users) Find(name string) (string, error) {
	var hash string
	err := u.DB.QueryRow("SELECT hash FROM users WHERE name = $1", name).Scan(&hash)
	return hash, err
}

// FindContext looks a user up, giving up when ctx is done.
func (u *Users) FindContext(ctx context.Context, name string) (string, error) {
	var hash string
	err := u.DB.QueryRowContext(ctx, "SELECT hash FROM users WHERE name = $1", name).Scan(&hash)
	return hash, err
}

// Hash hashes a password.
func Hash(pw string) []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte(pw), 10)
	return h
}

// Check compares a password with its hash.
func Check(hash, pw string) error {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw))
}

// Issue hashes a password and returns a session and a token.
func Issue(pw string) (string, string, error) {
	_, err := bcrypt.GenerateFromPassword([]byte(pw), 10)
	return "session", "token", err
}
