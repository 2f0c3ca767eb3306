// Command nullvet is a go vet tool that analyses nothing: the floor of
// what any vet tool with facts costs under go vet. The go command runs it
// on every package and every dependency, standard library included; for
// each, unitchecker parses the files, type-checks them against the
// dependencies' vet results, and writes the package's result; the
// analyzer itself returns at once.
//
//	go vet -vettool=$(which nullvet) ./...
//
// perf runs it as the tool vet-null, with -nonce set to a new value to
// make go vet miss its cache.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// mark is a fact that is never exported. Declaring a fact type makes go
// vet run the analyzer on dependencies, as it runs blockcheck.
type mark struct{}

// AFact marks mark as a fact.
func (*mark) AFact() {}

func (*mark) String() string { return "mark" }

var analyzer = &analysis.Analyzer{
	Name:      "null",
	Doc:       "null reports nothing\n\nIt measures what go vet -vettool costs before any analysis.",
	FactTypes: []analysis.Fact{new(mark)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func init() {
	analyzer.Flags.String("nonce", "", "no effect; a new value makes go vet miss its cache")
}

func main() { unitchecker.Main(analyzer) }
