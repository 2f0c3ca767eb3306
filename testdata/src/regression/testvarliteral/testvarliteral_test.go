package testvarliteral

import (
	"net/http"

	"heavy"
)

var upgrader = Upgrader{
	Error: func(w http.ResponseWriter, r *http.Request, status int, reason error) {
		heavy.Hash(reason.Error()) // test code: not a root, nothing to report
	},
}
