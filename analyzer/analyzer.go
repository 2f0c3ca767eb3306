package analyzer

import (
	_ "embed"
	"fmt"
	"go/build"
	"path/filepath"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/internal/directive"
	"github.com/blockcheck/blockcheck/analyzer/internal/report"
	"github.com/blockcheck/blockcheck/analyzer/internal/roots"
	"github.com/blockcheck/blockcheck/analyzer/internal/ssabuild"
	"github.com/blockcheck/blockcheck/analyzer/internal/summary"
)

//go:embed doc.go
var doc string

// Analyzer reports CPU-heavy and blocking calls reached from request
// handlers.
var Analyzer = &analysis.Analyzer{
	Name:      "blockcheck",
	Doc:       analyzerDoc(doc, "blockcheck"),
	URL:       "https://pkg.go.dev/github.com/blockcheck/blockcheck/analyzer",
	Run:       run,
	FactTypes: []analysis.Fact{new(summary.Reach)},
}

func init() {
	Analyzer.Flags.BoolVar(&goroot, "goroot", false, "also analyse the packages of the Go distribution, which are skipped by default (slow; for testing blockcheck on std)")
	Analyzer.Flags.Var(&heavy, "heavy", "comma-separated full names of functions to treat as CPU-heavy sinks, such as example.com/pdf.Render or (*example.com/img.Resizer).Resize")
}

var (
	heavy  sinkList
	goroot bool
)

func run(pass *analysis.Pass) (_ any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error analysing %s (please report it): %v\n%s", pass.Pkg.Path(), p, debug.Stack())
		}
	}()
	if !goroot && inGOROOT(pass) {
		// The catalog covers the standard library, which has no
		// request handlers of its own to report.
		return nil, nil
	}
	dirs := directive.Parse(pass.Fset, pass.Files)
	report.Directives(pass, dirs)
	cfg := summary.Config{Directives: dirs, Extra: heavy.entries}
	if !summary.Relevant(pass, cfg) {
		return nil, nil
	}
	funcs := ssabuild.Build(pass)
	res := summary.Analyze(pass, funcs, cfg)
	res.ExportFacts()
	rs := roots.NewFinder(pass.Pkg).Find(funcs)
	rep := report.New(pass, cfg, res, rs)
	for _, root := range rs {
		rep.Root(root)
	}
	return nil, nil
}

// inGOROOT reports whether the package of pass is part of the Go
// distribution.
func inGOROOT(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return false
	}
	src := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	return strings.HasPrefix(pass.Fset.File(pass.Files[0].Pos()).Name(), src)
}

// analyzerDoc extracts the "# Analyzer name" section of a package
// doc comment, without its comment markers.
func analyzerDoc(src, name string) string {
	heading := "// # Analyzer " + name + "\n"
	_, rest, ok := strings.Cut(src, heading)
	if !ok {
		panic("analyzer: doc.go has no section " + heading)
	}
	var lines []string
	for _, line := range strings.Split(rest, "\n") {
		if !strings.HasPrefix(line, "//") {
			break
		}
		line = strings.TrimPrefix(line, "//")
		lines = append(lines, strings.TrimPrefix(line, " "))
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
