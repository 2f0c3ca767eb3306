// Package keys generates keys of the type its exported variables say.
// DefaultKeyType is assigned by nothing but its initialiser in the
// whole program, so whole-program mode takes NewKey's switch as it
// reads: only the EC branch can run. Algorithm is assigned by the
// application, so either of Rotate's branches can.
package keys

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
)

// DefaultKeyType is the type of the keys NewKey makes.
var DefaultKeyType = "EC"

// Algorithm is the type of the keys Rotate makes.
var Algorithm = "EC"

// NewKey makes a key of DefaultKeyType.
func NewKey() (any, error) {
	switch DefaultKeyType {
	case "RSA":
		return rsa.GenerateKey(rand.Reader, 4096)
	default:
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	}
}

// Rotate makes a key of Algorithm.
func Rotate() (any, error) {
	if Algorithm == "RSA" {
		return rsa.GenerateKey(rand.Reader, 4096)
	}
	return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
}
