// Package store queries a database without a context, a blocking sink
// for app.
package store

import "database/sql"

// Name returns the name of the user with the given id.
func Name(db *sql.DB, id string) (string, error) {
	var name string
	err := db.QueryRow("SELECT name FROM users WHERE id = ?", id).Scan(&name)
	return name, err
}
