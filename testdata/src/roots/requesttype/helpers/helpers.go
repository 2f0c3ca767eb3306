// Package helpers is the middle of a cross-package chain for the
// request-type rule: a helper that is not a root, whose fact carries
// the sink to the handlers of another package.
package helpers

import "heavy"

// Register hashes a password.
func Register(pw string) []byte { // want Register:"reaches bcrypt.GenerateFromPassword"
	return heavy.Hash(pw)
}

// Nothing reaches nothing: the one-hop control.
func Nothing() {}
