// Package constbranch: a handler that makes keys with package keys,
// whose exported variables only whole-program mode can tell constant
// (pattern 5 of the precision issue). Per-package mode reports both
// calls: another package could assign DefaultKeyType.
package constbranch

import (
	"net/http"

	"program/constbranch/keys"
)

func init() { keys.Algorithm = "RSA" }

func handle(w http.ResponseWriter, r *http.Request) {
	keys.NewKey() // nothing: DefaultKeyType is "EC" for the whole run
	keys.Rotate() // want `handle calls rsa.GenerateKey via keys.Rotate`
}
