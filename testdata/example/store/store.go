// Package store keeps users in a SQL database.
package store

import (
	"context"
	"database/sql"

	"github.com/blockcheck/blockcheck/testdata/example/auth"
)

// Users is the users table.
type Users struct{ db *sql.DB }

// New returns the users table of db.
func New(db *sql.DB) *Users { return &Users{db: db} }

// Find looks a user up by name.
func (u *Users) Find(name string) (*auth.User, error) {
	var user auth.User
	err := u.db.QueryRow(`SELECT name, hash FROM users WHERE name = $1`, name).Scan(&user.Name, &user.Hash)
	return &user, err
}

// FindContext looks a user up by name, giving up when ctx is done.
func (u *Users) FindContext(ctx context.Context, name string) (*auth.User, error) {
	var user auth.User
	err := u.db.QueryRowContext(ctx, `SELECT name, hash FROM users WHERE name = $1`, name).Scan(&user.Name, &user.Hash)
	return &user, err
}

// Save stores a new user.
func (u *Users) Save(user *auth.User) error {
	_, err := u.db.Exec(`INSERT INTO users (name, hash) VALUES ($1, $2)`, user.Name, user.Hash)
	return err
}
