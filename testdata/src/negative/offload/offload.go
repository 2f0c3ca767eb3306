// Package offload checks that heavy work already run through offload
// is not reported.
package offload

import (
	"net/http"

	"github.com/blockcheck/blockcheck/offload"

	"heavy"
)

func handle(w http.ResponseWriter, r *http.Request) {
	h, err := offload.Value(r.Context(), func() []byte { return heavy.Hash(r.FormValue("pw")) })
	if err != nil {
		offload.WriteError(w, err)
		return
	}
	w.Write(h)
}
