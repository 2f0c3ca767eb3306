// Package helper has a helper whose doc comment suppresses everything
// reached through it, in every package.
package helper

import (
	"database/sql"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// Quick hashes with the minimum cost: fast enough for its inputs.
//
//blockcheck:ignore cost 4 takes about 1 ms; measured in BenchmarkQuick
func Quick(pw string) []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte(pw), 4)
	return h
}

// Slow is not suppressed.
func Slow(db *sql.DB) { // want Slow:"reaches time.Sleep, sql.DB.Exec"
	time.Sleep(time.Millisecond)
	//blockcheck:ignore a suppressed call site is not part of the summary
	bcrypt.GenerateFromPassword(nil, 10)
	db.Exec("VACUUM")
}
