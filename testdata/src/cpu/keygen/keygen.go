// Package keygen covers key generation: RSA keys and primes are heavy;
// ECDSA and Ed25519 keys take tens of microseconds and are not reported.
package keygen

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"net/http"
)

func newKey(w http.ResponseWriter, r *http.Request) {
	rsa.GenerateKey(rand.Reader, 2048)              // want `newKey calls rsa.GenerateKey: RSA key generation searches for large primes`
	rand.Prime(rand.Reader, 1024)                   // want `newKey calls rand.Prime: prime and parameter generation`
	ecdsa.GenerateKey(elliptic.P256(), rand.Reader) // cheap enough: not reported
	ed25519.GenerateKey(rand.Reader)                // cheap enough: not reported
}
