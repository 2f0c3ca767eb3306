// Package genericuse instantiates generic functions of another package:
// the fact on the generic origin carries the chain. A call through a
// type parameter in another package's generic body is not seen.
package genericuse

import (
	"net/http"

	"chain/generic"
)

func handle(w http.ResponseWriter, r *http.Request) {
	generic.Map([]string{"a"}, func(s string) string { return s }) // want `handle calls bcrypt.GenerateFromPassword via generic.Map → heavy.Hash`
	generic.HashAll(generic.BcryptHasher{}, nil)                   // the origin calls H.Hash: unknown here
}
