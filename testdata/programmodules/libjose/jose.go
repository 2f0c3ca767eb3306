// Package libjose stands for go-jose, where a false alarm was found on
// hydra and spire in whole-program mode: one field of a type holds the
// verifier or the decrypter, set by two constructors. VTA merges the
// values stored in the field, so a handler that only verifies seemed to
// decrypt, with pbkdf2. A dynamic call inside a dependency is therefore
// resolved only to functions of the main modules.
package libjose

import (
	"crypto/pbkdf2"
	"crypto/sha256"
)

// Object is a signed or an encrypted object.
type Object struct {
	payload func(key string) ([]byte, error)
}

// ParseSigned returns a signed object, whose payload is verified.
func ParseSigned(s string) *Object {
	return &Object{payload: func(key string) ([]byte, error) { return []byte(s), nil }}
}

// ParseEncrypted returns an encrypted object, whose payload is derived
// with pbkdf2.
func ParseEncrypted(s string) *Object {
	return &Object{payload: func(key string) ([]byte, error) {
		return pbkdf2.Key(sha256.New, key, []byte(s), 600000, 32)
	}}
}

// Claims returns the payload.
func (o *Object) Claims(key string) ([]byte, error) { return o.payload(key) }
