package analyzer_test

import (
	"go/build"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
)

// TestNogo checks what rules_go's nogo needs of an analyzer package: a
// package-level variable named Analyzer, a valid analyzer whose flags
// can be set by name (nogo's analyzer_flags), and no need for facts
// about the standard library, which nogo does not analyse.
func TestNogo(t *testing.T) {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: ".."}
	pkgs, err := packages.Load(cfg, "github.com/blockcheck/blockcheck/analyzer")
	if err != nil || len(pkgs) != 1 {
		t.Fatalf("loading the analyzer package: %v", err)
	}
	v, ok := pkgs[0].Types.Scope().Lookup("Analyzer").(*types.Var)
	if !ok || types.TypeString(v.Type(), nil) != "*golang.org/x/tools/go/analysis.Analyzer" {
		t.Errorf("the package has no variable Analyzer of type *analysis.Analyzer: %v", v)
	}
	if err := analysis.Validate([]*analysis.Analyzer{analyzer.Analyzer}); err != nil {
		t.Error(err)
	}
	for _, name := range []string{"heavy", "blocking", "root-params", "categories", "ignore-sink"} {
		if analyzer.Analyzer.Flags.Lookup(name) == nil {
			t.Errorf("no flag -%s for nogo's analyzer_flags", name)
		}
	}
	setFlag(t, "heavy", "example.com/pdf.Render")
	if err := analyzer.Analyzer.Flags.Set("heavy", "not a name"); err == nil {
		t.Error("a malformed -heavy was accepted")
	}

	// Analyse a handler that reaches net/http and database/sql sinks:
	// the standard library's packages must export no facts, and the
	// findings must not depend on any.
	dir := testdata(t)
	lcfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOFLAGS="),
	}
	roots, err := packages.Load(lcfg, "blocking/sql")
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, roots, nil)
	if err != nil {
		t.Fatal(err)
	}
	goroot := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	findings, std := 0, 0
	for act := range graph.All() {
		if act.IsRoot {
			findings += len(act.Diagnostics)
		}
		if len(act.Package.GoFiles) == 0 || !strings.HasPrefix(act.Package.GoFiles[0], goroot) {
			continue
		}
		std++
		if facts := act.AllObjectFacts(); len(facts) > 0 {
			t.Errorf("%s exports facts: %v", act.Package.PkgPath, facts)
		}
	}
	if findings == 0 || std == 0 {
		t.Errorf("%d findings in blocking/sql and %d standard packages analysed; want some of each", findings, std)
	}
}
