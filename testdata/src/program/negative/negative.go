// Package negative: what whole-program mode must still not report,
// although a call graph reaches it: work handed to sync.Once, to
// offload, or to a goroutine nobody waits for.
package negative

import (
	"net/http"
	"sync"

	"github.com/blockcheck/blockcheck/offload"
	"golang.org/x/crypto/bcrypt"
)

type hasher interface{ hash(string) []byte }

type slow struct{}

func (slow) hash(pw string) []byte {
	b, _ := bcrypt.GenerateFromPassword([]byte(pw), 10)
	return b
}

var (
	h    hasher = slow{}
	once sync.Once
	key  []byte
)

func handle(w http.ResponseWriter, r *http.Request) {
	once.Do(func() { key = h.hash("init") })
	offload.Value(r.Context(), func() []byte { return h.hash(r.FormValue("pw")) })
	go h.hash("background")
}

func Routes(mux *http.ServeMux) { mux.HandleFunc("/", handle) }
