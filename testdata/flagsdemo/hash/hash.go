// Package hash hashes passwords, a CPU-heavy sink for app.
package hash

import "golang.org/x/crypto/bcrypt"

// Password returns the bcrypt hash of password.
func Password(password string) ([]byte, error) {
	return bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
}
