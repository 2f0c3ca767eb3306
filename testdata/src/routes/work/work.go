// Package work holds the helpers that the route maps' apps call: each
// reaches one sink, or none.
package work

import (
	"database/sql"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// Hash reaches a CPU-heavy sink.
func Hash(pw string) []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte(pw), 10)
	return h
}

// Query reaches a blocking sink.
func Query(db *sql.DB, q string) error {
	rows, err := db.Query(q)
	if err != nil {
		return err
	}
	return rows.Close()
}

// Nap reaches a blocking sink.
func Nap() { time.Sleep(time.Second) }

// Nothing reaches no sink.
func Nothing() string { return "ok" }
