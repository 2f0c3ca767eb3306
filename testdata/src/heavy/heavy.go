// Package heavy is a helper package for root tests: each function
// reaches one sink, so that a test of a root kind only needs one call.
package heavy

import "golang.org/x/crypto/bcrypt"

func Hash(pw string) []byte { // want Hash:"reaches bcrypt.GenerateFromPassword"
	h, _ := bcrypt.GenerateFromPassword([]byte(pw), 10)
	return h
}
