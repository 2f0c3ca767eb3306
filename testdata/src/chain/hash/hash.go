// Package hash is the bottom of a three-package chain: it calls bcrypt.
package hash

import "golang.org/x/crypto/bcrypt"

func HashPassword(pw string) ([]byte, error) { // want HashPassword:"reaches bcrypt.GenerateFromPassword"
	return bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
}

// Check is exported and reaches bcrypt through an unexported helper.
func Check(hash []byte, pw string) bool { // want Check:"reaches bcrypt.CompareHashAndPassword"
	return compare(hash, pw) == nil
}

func compare(hash []byte, pw string) error {
	return bcrypt.CompareHashAndPassword(hash, []byte(pw))
}

// Len reaches nothing and gets no fact.
func Len(pw string) int { return len(pw) }
