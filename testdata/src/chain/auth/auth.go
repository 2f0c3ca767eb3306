// Package auth is the middle of a three-package chain: it reaches bcrypt
// only through package hash, so it learns of it from a fact.
package auth

import "chain/hash"

type User struct {
	Name string
	Hash []byte
}

func Register(name, pw string) (*User, error) { // want Register:"reaches bcrypt.GenerateFromPassword"
	h, err := hash.HashPassword(pw)
	if err != nil {
		return nil, err
	}
	return &User{Name: name, Hash: h}, nil
}

func (u *User) Login(pw string) bool { // want Login:"reaches bcrypt.CompareHashAndPassword"
	return hash.Check(u.Hash, pw)
}

// Validate reaches nothing: the one-hop control.
func Validate(pw string) bool { return hash.Len(pw) >= 8 }
