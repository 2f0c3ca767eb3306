package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFixed checks that fixed tells the example's handlers from the ones
// blockcheck -fix makes of them (the golden file of cmd/blockcheck's
// TestFixExample), so that the benchmark fails if the fix changes shape
// rather than measure the wrong app.
func TestFixed(t *testing.T) {
	for _, tc := range []struct {
		file string
		want bool
	}{
		{filepath.Join("..", "..", "testdata", "example", "handlers.go"), false},
		{filepath.Join("..", "..", "testdata", "cmd", "example-fixed-handlers.golden"), true},
	} {
		src, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		if got := fixed.Match(src); got != tc.want {
			t.Errorf("%s: fixed matches: %v, want %v", tc.file, got, tc.want)
		}
	}
}
