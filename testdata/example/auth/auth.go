// Package auth registers users and checks their passwords.
package auth

import "golang.org/x/crypto/bcrypt"

// User is a registered user.
type User struct {
	Name string
	Hash []byte
}

// Register creates a user with a hashed password.
func Register(name, password string) (*User, error) {
	hash, err := HashPassword(password)
	if err != nil {
		return nil, err
	}
	return &User{Name: name, Hash: hash}, nil
}

// HashPassword hashes a password for storage.
func HashPassword(password string) ([]byte, error) {
	return bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
}

// Check reports whether password is the user's.
func Check(u *User, password string) bool {
	return bcrypt.CompareHashAndPassword(u.Hash, []byte(password)) == nil
}
