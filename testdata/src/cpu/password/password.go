// Package password covers the password-hashing family: bcrypt, scrypt,
// argon2, and PBKDF2 from x/crypto and the standard library.
package password

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"net/http"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/bcrypt"
	xpbkdf2 "golang.org/x/crypto/pbkdf2"
	"golang.org/x/crypto/scrypt"
)

func login(w http.ResponseWriter, r *http.Request) {
	pw := []byte(r.FormValue("pw"))
	bcrypt.CompareHashAndPassword(nil, pw)              // want `login calls bcrypt.CompareHashAndPassword: password hashing is CPU-heavy by design \(tens of ms per call\); run it with offload`
	scrypt.Key(pw, nil, 1<<15, 8, 1, 32)                // want `login calls scrypt.Key: password hashing`
	argon2.IDKey(pw, nil, 1, 64*1024, 4, 32)            // want `login calls argon2.IDKey: password hashing`
	xpbkdf2.Key(pw, nil, 600000, 32, sha256.New)        // want `login calls pbkdf2.Key: key derivation runs thousands of hash rounds`
	pbkdf2.Key(sha256.New, string(pw), nil, 600000, 32) // want `login calls pbkdf2.Key: key derivation`
	sha256.Sum256(pw)                                   // cheap: never reported
}
