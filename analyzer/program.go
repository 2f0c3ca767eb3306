package analyzer

import (
	"fmt"
	"go/token"
	"os"
	"runtime/debug"

	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer/internal/program"
)

// A ProgramFinding is a finding of whole-program mode.
type ProgramFinding struct {
	// Package is the import path of the root's package.
	Package string
	// Category, Message, Posn and End are those of the diagnostic.
	Category, Message string
	Posn, End         token.Position
	// Root names the request root, Sink the sink it reaches.
	Root, Sink string
	// Trace is the chain from the root to the sink: one hop per call,
	// at the call's position, naming the function called.
	Trace []Hop
}

// A Hop is one call of a trace.
type Hop struct {
	Posn token.Position
	// Func names the function called.
	Func string
	// Dynamic says the call goes through an interface or a function
	// value, or is dispatched by reflection.
	Dynamic bool
}

// AnalyzeProgram analyses pkgs and their dependencies as one program,
// following calls through interfaces and function values with a VTA
// call graph, and returns the findings in the request roots of pkgs.
// The packages must have been loaded with packages.LoadAllSyntax. The
// options are [Analyzer]'s flags and the .blockcheck.yml of the
// current directory.
func AnalyzeProgram(pkgs []*packages.Package) (_ []ProgramFinding, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in whole-program mode (please report it): %v\n%s", p, debug.Stack())
		}
	}()
	if len(pkgs) == 0 {
		return nil, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	file, err := FindConfig(dir)
	if err != nil {
		return nil, err
	}
	cfg := flags.merge(file)
	found, err := program.Analyze(pkgs, program.Options{
		Extra:      extraSinks(cfg),
		Ignored:    ignored(cfg),
		RootParams: cfg.RootParams,
		Enabled:    categories(cfg),
		GOROOT:     goroot,
	})
	if err != nil {
		return nil, err
	}
	findings := make([]ProgramFinding, len(found))
	for i, f := range found {
		fset := f.Package.Fset
		pf := ProgramFinding{
			Package:  f.Package.PkgPath,
			Category: f.Diagnostic.Category,
			Message:  f.Diagnostic.Message,
			Posn:     fset.Position(f.Diagnostic.Pos),
			End:      fset.Position(f.Diagnostic.End),
			Root:     f.Root,
			Sink:     f.Path.SinkName(),
		}
		for _, c := range f.Path.Calls {
			pf.Trace = append(pf.Trace, Hop{Posn: c.Position(), Func: c.Callee, Dynamic: c.Dynamic})
		}
		findings[i] = pf
	}
	return findings, nil
}
