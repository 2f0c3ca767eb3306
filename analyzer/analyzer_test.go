package analyzer_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestChain checks a chain across three packages, learnt through facts,
// with a one-hop control that reaches nothing.
func TestChain(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "chain/...")
}
