// Package store is the middle of a cross-package chain: its helpers
// query a database without a context, which the handlers in package
// handlers learn through blockcheck's facts.
package store

import "database/sql"

// Save records a user; it ignores the caller's context.
func Save(db *sql.DB, name string) error { // want Save:"reaches sql.DB.Exec"
	_, err := db.Exec("INSERT INTO users(name) VALUES(?)", name)
	return err
}
