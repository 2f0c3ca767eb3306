// Package pbkdf2 is a stub of golang.org/x/crypto/pbkdf2 for tests.
package pbkdf2

import "hash"

func Key(password, salt []byte, iter, keyLen int, h func() hash.Hash) []byte { return nil }
