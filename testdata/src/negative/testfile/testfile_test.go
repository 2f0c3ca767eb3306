package testfile

import (
	"net/http"
	"testing"
	"time"
)

func slowHandler(w http.ResponseWriter, r *http.Request) {
	time.Sleep(50 * time.Millisecond) // simulates a slow backend in a test
}

func TestSlow(t *testing.T) { _ = http.HandlerFunc(slowHandler) }
