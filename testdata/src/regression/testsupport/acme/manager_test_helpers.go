package acme

import (
	"net/http"
	"testing"
	"time"
)

// TestHelperServe is test support kept beside production code, as
// hydra's manager_test_helpers.go files are: its file imports testing,
// so it is no root, but the rest of the package is production.
func TestHelperServe(t *testing.T, w http.ResponseWriter, r *http.Request) { // want TestHelperServe:"reaches time.Sleep"
	time.Sleep(time.Millisecond)
}
