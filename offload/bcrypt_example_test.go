package offload_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"golang.org/x/crypto/bcrypt"

	"github.com/blockcheck/blockcheck/offload"
)

// The case offload was made for, and the rewrite blockcheck suggests:
// a signup handler hashes the password with bcrypt, tens of
// milliseconds of CPU, on a bounded pool. Offload's own errors
// (overloaded, client gone) are answered first; the call's own error
// is handled as before.
func ExampleDo_bcrypt() {
	signup := func(w http.ResponseWriter, r *http.Request) {
		pw := []byte(r.FormValue("password"))
		hash, err := offload.Do(r.Context(), func() ([]byte, error) {
			return bcrypt.GenerateFromPassword(pw, bcrypt.MinCost)
		})
		if offload.Rejected(err) {
			offload.WriteError(w, err)
			return
		}
		if err != nil {
			http.Error(w, "bad password", http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusCreated)
		fmt.Println(bcrypt.CompareHashAndPassword(hash, pw) == nil)
	}

	rec := httptest.NewRecorder()
	signup(rec, httptest.NewRequest(http.MethodPost, "/signup?password=hunter2", nil))
	fmt.Println(rec.Code)
	// Output:
	// true
	// 201
}
