package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"

	"github.com/blockcheck/blockcheck/analyzer/internal/program"
	"github.com/blockcheck/blockcheck/analyzer/internal/roots"
	"github.com/blockcheck/blockcheck/analyzer/internal/summary"
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
	// SuggestedFixes are the diagnostic's fixes, as per-package mode
	// suggests them, at positions of the file set of the packages
	// given to [Program.Analyze]. Drivers apply the first.
	SuggestedFixes []analysis.SuggestedFix
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

// A Program is a whole program, added to package by package as each
// is type-checked after its dependencies, then analysed as one by
// [Program.Analyze]: each package's SSA form is built when it is added,
// and its type information is not kept.
type Program struct {
	// TypeGraph, if set, resolves dynamic calls by rapid type analysis
	// instead of VTA, to measure what VTA is worth (BLOCKCHECK_DEBUG=rta
	// sets it in the blockcheck command).
	TypeGraph bool

	b *program.Builder
}

// NewProgram returns an empty program whose files are in fset.
func NewProgram(fset *token.FileSet) *Program {
	return &Program{b: program.NewBuilder(fset)}
}

// Add adds p, type-checked from files with the type information info.
// A package of the Go distribution is added without files or type
// information, unless [Skips] says to analyse it. Add must be called
// after Add for each package that p imports, and is safe to call
// concurrently. An error is an internal error that makes p unusable.
func (prog *Program) Add(p *packages.Package, files []*ast.File, info *types.Info) error {
	return prog.b.Add(p, files, info)
}

// Analyze analyses pkgs and their dependencies, all of them added to
// prog, pkgs with their syntax and type information (Syntax, TypesInfo,
// Fset), as one program, following calls through interfaces and
// function values with a VTA call graph, and returns the findings in
// the request roots of pkgs. The options are [Analyzer]'s flags and the
// .blockcheck.yml of the current directory, with the roots that the
// packages' own configuration files name.
func (prog *Program) Analyze(pkgs []*packages.Package) ([]ProgramFinding, error) {
	return prog.analyze(pkgs, nil)
}

// A ProgramIndex finds, before a [Program] is built, the functions of
// its dependencies that the analysis never follows, whose bodies need
// not be type-checked nor built: a program that [ProgramIndex.Needed]
// finds large is type-checked twice, first to add every package to the
// index, then, with [ProgramIndex.Trim] dropping those bodies, to add
// every package to the Program.
type ProgramIndex struct {
	ix *program.Index
}

// NewProgramIndex returns an empty index.
func NewProgramIndex() *ProgramIndex {
	return &ProgramIndex{program.NewIndex()}
}

// Add adds p, as [Program.Add] does; p is under analysis if its Syntax
// is set. It is safe to call concurrently.
func (ix *ProgramIndex) Add(p *packages.Package, files []*ast.File, info *types.Info) error {
	return ix.ix.Add(p, files, info)
}

// Needed reports whether the program made of all, the packages listed
// for analysis and their dependencies, is large enough for the first
// pass to pay: by the bytes of Go source of the packages that are
// type-checked with their bodies (those that [Skips] does not skip).
// Without it, a program of the smaller corpus modules takes a third
// more time, for memory it has to spare.
func (ix *ProgramIndex) Needed(all []*packages.Package) bool {
	var size int64
	for _, p := range all {
		if len(p.GoFiles) == 0 || Skips(filepath.Dir(p.GoFiles[0])) {
			continue
		}
		for _, name := range p.GoFiles {
			if fi, err := os.Stat(name); err == nil {
				size += fi.Size()
			}
		}
		if size > indexAbove {
			return true
		}
	}
	return false
}

// indexAbove is the size of a program's source, outside the standard
// library, above which whole-program mode trims it (see
// [ProgramIndex]). Without it, the corpus modules took up to 75 times
// the size of their source in memory (cortex: 65 MiB, 4.6 GiB), so
// that one of 48 MiB would stay under 4 GiB.
const indexAbove = 48 << 20

// Dropped returns how many function bodies of packages not under
// analysis [ProgramIndex.Trim] has seen, and how many it dropped.
func (ix *ProgramIndex) Dropped() (bodies, dropped int64) {
	return ix.ix.Dropped()
}

// Trim drops from files, the syntax of p, a package not under analysis,
// not yet type-checked, the bodies of the functions that the analysis
// cannot reach, and reports whether it dropped any: an import that only
// they used is then unused, which is no error. It must be called once
// every package is added, and is safe to call concurrently.
func (ix *ProgramIndex) Trim(p *packages.Package, files []*ast.File) bool {
	return ix.ix.Trim(p, files)
}

// AnalyzeMap is [Program.Analyze] that also returns the request-path
// map of pkgs: the routes they register, wherever the router comes
// from, and their request roots.
func (prog *Program) AnalyzeMap(pkgs []*packages.Package) ([]ProgramFinding, *Map, error) {
	m := new(Map)
	findings, err := prog.analyze(pkgs, m)
	if err != nil {
		return nil, nil, err
	}
	return findings, m, nil
}

// analyze is Analyze, which fills m with the map of pkgs if m is not
// nil.
func (prog *Program) analyze(pkgs []*packages.Package, m *Map) (_ []ProgramFinding, err error) {
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
	// What makes a root, or no root, and what is a sink, are named in
	// full, so what the packages' own configuration files name all
	// counts, each once (most packages share their module's file); the
	// categories and ignored sinks of a package's file choose what its
	// roots report.
	own := make(map[string]Config)
	for _, p := range pkgs {
		if len(p.GoFiles) == 0 {
			continue
		}
		c, err := FindConfig(filepath.Dir(p.GoFiles[0]))
		if err != nil {
			return nil, err
		}
		own[p.PkgPath] = c
		cfg.Heavy = appendNew(cfg.Heavy, c.Heavy...)
		cfg.Blocking = appendNew(cfg.Blocking, c.Blocking...)
		cfg.RootParams = appendNew(cfg.RootParams, c.RootParams...)
		cfg.Roots = appendNew(cfg.Roots, c.Roots...)
		for _, r := range c.IgnoreRoots {
			if !slices.ContainsFunc(cfg.IgnoreRoots, func(o IgnoredRoot) bool { return o.Name == r.Name }) {
				cfg.IgnoreRoots = append(cfg.IgnoreRoots, r)
			}
		}
		cfg.Lambda = cfg.Lambda || c.Lambda
	}
	for _, p := range pkgs {
		if err := roots.CheckNames(p.Types, cfg.Roots); err != nil {
			return nil, fmt.Errorf("%s: %w", p.PkgPath, err)
		}
	}
	opts := program.Options{
		Extra:   extraSinks(cfg),
		Ignored: ignored(cfg),
		Roots:   programRootOptions(cfg),
		Enabled: categories(cfg),
		GOROOT:  goroot,

		TypeGraph: prog.TypeGraph,
	}
	if m != nil {
		opts.Mapped = func(res *summary.Result, finder *roots.Finder, rs []roots.Root, funcs []*ssa.Function) {
			mp := &mapper{fset: pkgs[0].Fset, finder: finder, res: res, enabled: opts.Enabled}
			mp.fill(m, funcs, rs)
		}
	}
	found, err := prog.b.Analyze(pkgs, opts)
	if err != nil {
		return nil, err
	}
	findings := make([]ProgramFinding, 0, len(found))
	for _, f := range found {
		c := own[f.Package.PkgPath]
		if len(c.Categories) > 0 && !slices.Contains(c.Categories, f.Diagnostic.Category) ||
			slices.ContainsFunc(c.IgnoreSinks, func(s IgnoredSink) bool { return s.Name == f.Path.Sink }) {
			continue // the root's package does not report this category, or this sink
		}
		fset := f.Package.Fset
		pf := ProgramFinding{
			Package:  f.Package.PkgPath,
			Category: f.Diagnostic.Category,
			Message:  f.Diagnostic.Message,
			Posn:     fset.Position(f.Diagnostic.Pos),
			End:      fset.Position(f.Diagnostic.End),
			Root:     f.Root,
			Sink:     f.Path.SinkName(),

			SuggestedFixes: f.Diagnostic.SuggestedFixes,
		}
		for _, c := range f.Path.Calls {
			pf.Trace = append(pf.Trace, Hop{Posn: c.Position(), Func: c.Callee, Dynamic: c.Dynamic})
		}
		findings = append(findings, pf)
	}
	return findings, nil
}

// programRootOptions returns the options of cfg that say what a root
// is, for the whole program: the callers of a package's exported
// functions are among its packages.
func programRootOptions(cfg Config) roots.Options {
	opts := rootOptions(cfg)
	opts.WholeProgram = true
	return opts
}

// appendNew appends to list the names it does not hold yet.
func appendNew(list []string, names ...string) []string {
	for _, name := range names {
		if !slices.Contains(list, name) {
			list = append(list, name)
		}
	}
	return list
}
