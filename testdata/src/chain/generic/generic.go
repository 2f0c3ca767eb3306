// Package generic checks chains through generic functions and methods,
// instantiated in this package and in another.
package generic

import (
	"net/http"

	"golang.org/x/crypto/bcrypt"

	"heavy"
)

type Hasher interface{ Hash(string) []byte }

type BcryptHasher struct{}

func (BcryptHasher) Hash(pw string) []byte { // want Hash:"reaches bcrypt.GenerateFromPassword"
	h, _ := bcrypt.GenerateFromPassword([]byte(pw), 10)
	return h
}

// HashAll calls a method through a type parameter: instantiated with
// BcryptHasher, the call is static.
func HashAll[H Hasher](h H, pws []string) [][]byte {
	var out [][]byte
	for _, pw := range pws {
		out = append(out, h.Hash(pw))
	}
	return out
}

// Map calls a concrete heavy function from a generic body.
func Map[T any](xs []T, f func(T) string) [][]byte { // want Map:"reaches bcrypt.GenerateFromPassword"
	var out [][]byte
	for _, x := range xs {
		out = append(out, heavy.Hash(f(x)))
	}
	return out
}

func handle(w http.ResponseWriter, r *http.Request) {
	HashAll(BcryptHasher{}, []string{"a"})        // want `handle calls bcrypt.GenerateFromPassword via generic.HashAll → generic.BcryptHasher.Hash`
	Map([]int{1}, func(int) string { return "" }) // want `handle calls bcrypt.GenerateFromPassword via generic.Map → heavy.Hash`
}
