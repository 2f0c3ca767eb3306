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
// entry; blockcheck -explain catalog lists every entry. The flags -json, -c=N, -fix and -diff are those of
// every go/analysis checker, and select the standard driver; without
// them blockcheck runs its own, which analyses one package at a time
// in far less memory and adds -format, -baseline and -mode. Exit
// codes: 0 clean, 1 errors, 3 findings in standalone mode; under go
// vet, go vet's own (1 for findings or errors).
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
	if msg := mixedDrivers(os.Args[1:]); msg != "" {
		fmt.Fprintln(os.Stderr, "blockcheck:", msg)
		os.Exit(2)
	}
	if wantsDriver(os.Args[1:]) {
		os.Exit(runDriver(os.Args[1:], os.Stdout, os.Stderr))
	}
	singlechecker.Main(analyzer.Analyzer)
}
