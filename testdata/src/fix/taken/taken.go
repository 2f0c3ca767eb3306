// Package taken checks that no fix is offered when the name offload is
// taken in the file by something else.
package taken

import (
	"net/http"

	"fix/helpers"
)

type offload struct{}

func handle(w http.ResponseWriter, r *http.Request) {
	helpers.Touch("pw") // want `no suggested fix: the name offload is already taken in this file`
}
