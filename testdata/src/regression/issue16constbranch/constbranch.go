// Package issue16constbranch is a regression test for pattern 5 of the
// precision issue: a key generator that switches on a package-level
// variable which only its initialiser assigns (keyType = "EC") cannot
// take its RSA branch, so rsa.GenerateKey is not reported through it.
// The controls: a variable that a function assigns (mode), one whose
// address is taken (size, set by a flag), and a branch on a call.
// Exported variables are left to whole-program mode, which sees every
// package that could assign them (testdata/src/program/constbranch).
package issue16constbranch

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"flag"
	"net/http"
	"os"
)

var keyType = "EC"

const debug = false

var mode = "EC"

// SetMode changes mode: a branch on it can go either way.
func SetMode(m string) { mode = m }

var size = "small"

func init() { flag.StringVar(&size, "size", size, "key size") }

func newKey() (any, error) {
	switch keyType {
	case "EC":
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "RSA":
		return rsa.GenerateKey(rand.Reader, 4096)
	}
	if debug {
		return rsa.GenerateKey(rand.Reader, 1024)
	}
	if !(keyType != "RSA") {
		return rsa.GenerateKey(rand.Reader, 2048)
	}
	return nil, nil
}

func handle(w http.ResponseWriter, r *http.Request) {
	newKey() // nothing: only the EC branch can run
}

func newKeyFor(kind string) (any, error) {
	if kind == "RSA" {
		return rsa.GenerateKey(rand.Reader, 4096)
	}
	return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
}

func handleMode(w http.ResponseWriter, r *http.Request) {
	if mode == "RSA" {
		rsa.GenerateKey(rand.Reader, 4096) // want `handleMode calls rsa.GenerateKey`
	}
	if size == "large" {
		rsa.GenerateKey(rand.Reader, 4096) // want `handleMode calls rsa.GenerateKey`
	}
	if os.Getenv("KEY") == "RSA" {
		rsa.GenerateKey(rand.Reader, 4096) // want `handleMode calls rsa.GenerateKey`
	}
	// Arguments are not followed into their callee: newKeyFor's branch
	// on kind can go either way.
	newKeyFor(keyType) // want `handleMode calls rsa.GenerateKey via issue16constbranch.newKeyFor`
}
