// Package imports checks how the fix refers to offload: by the name of
// an existing import, even an aliased one.
package imports

import (
	"net/http"

	pool "github.com/blockcheck/blockcheck/offload"

	"fix/helpers"
)

func handle(w http.ResponseWriter, r *http.Request) {
	helpers.Touch("pw") // want `handle calls bcrypt.GenerateFromPassword via helpers.Touch`
	pool.Run(r.Context(), func() {})
}
