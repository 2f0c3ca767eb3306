// Package scrypt is a stub of golang.org/x/crypto/scrypt for tests.
package scrypt

func Key(password, salt []byte, N, r, p, keyLen int) ([]byte, error) { return nil, nil }
