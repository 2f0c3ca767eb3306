// Command blockcheck reports CPU-heavy and blocking calls reached from
// request handlers.
//
// Run it standalone:
//
//	blockcheck ./...
//
// or under go vet, which caches its results:
//
//	go vet -vettool=$(which blockcheck) ./...
//
// blockcheck -explain TOPIC explains a category (cpu-heavy, blocking,
// background-context), what a request root is (roots) or a catalog
// entry; blockcheck -explain catalog lists every entry.
//
// Standalone, blockcheck runs its own driver, which analyses one
// package at a time in far less memory than the standard one, or the
// whole program at once (-mode=program). Its flags all combine: those of
// every go/analysis checker (-json, -c=N, -fix, -diff) and its own
// (-format, -baseline, -mode, -trace, -test). -json is -format=json:
// the go/analysis JSON tree, with suggested fixes. Under go vet (the
// -V=full and -flags queries, and a *.cfg argument) the standard
// unitchecker answers instead. In package mode, each package's results
// are kept in a cache (internal/cache; $BLOCKCHECK_CACHE, -cache=off),
// so that a run on unchanged packages analyses nothing.
//
// Exit status standalone: 0 no findings, 1 errors (the findings of the
// packages that could be analysed are still printed), 2 a command line
// it cannot use, 3 findings in text output (-format=json and
// -format=sarif exit 0 with findings); with -fix, the findings are those
// it left. Under go vet, go vet's own (1 for findings or errors).
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/blockcheck/blockcheck/analyzer"
)

func main() {
	if len(os.Args) >= 2 && (os.Args[1] == "-explain" || os.Args[1] == "--explain") {
		topic := ""
		if len(os.Args) >= 3 {
			topic = os.Args[2]
		}
		text, err := analyzer.Explain(topic)
		if err != nil {
			fmt.Fprintln(os.Stderr, "blockcheck:", err)
			os.Exit(2)
		}
		fmt.Print(text)
		return
	}
	if vetProtocol(os.Args[1:]) {
		singlechecker.Main(analyzer.Analyzer)
	}
	os.Exit(runDriver(os.Args[1:], os.Stdout, os.Stderr))
}
