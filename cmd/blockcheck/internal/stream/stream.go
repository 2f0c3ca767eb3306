// Package stream runs one analyzer over packages one at a time, in
// dependency order, keeping of each finished package only its types and
// the facts the analyzer exported for it.
//
// golang.org/x/tools/go/analysis/checker needs every package's syntax
// and type information loaded at once when an analyzer uses facts, so
// its peak memory grows with the whole program's syntax trees. Here a
// package is parsed and type-checked from source only when its
// dependencies are done, analysed, and its syntax and type information
// dropped, as staticcheck's runner and the go command's vet actions do.
// Peak memory is then the types of the program plus the syntax of the
// packages in progress, at most GOMAXPROCS of them.
//
// Only what blockcheck's analyzer needs is supported: an analyzer with
// no required analyzers and object facts only. In place of an analyzer,
// a function may be given each package in turn, as whole-program mode
// builds its SSA form package by package.
package stream

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/cache"
)

// A Config says what to analyse and how.
type Config struct {
	// Analyzer is the analyzer to run. It must require no other
	// analyzer, and may use object facts but not package facts.
	Analyzer *analysis.Analyzer

	// Visit, if set, is called instead of running Analyzer, for every
	// package, once the packages it imports have been visited, with
	// its syntax and type information, or nil ones for a package that
	// Skip skips. Calls may run concurrently. An error makes the
	// package unusable, as a type error does. The packages that match
	// the patterns keep their syntax and type information, in their
	// Syntax, TypesInfo and Fset fields.
	Visit func(p *packages.Package, files []*ast.File, info *types.Info) error

	// Index, if set, is called as Visit is, in a first pass over all
	// the packages, before they are parsed and type-checked again for
	// Visit: it may gather what Trim needs. What the first pass made
	// (types, syntax, positions) is dropped before the second starts.
	Index func(p *packages.Package, files []*ast.File, info *types.Info) error
	// IndexIf, if set, decides from the packages listed, all of them,
	// whether the first pass runs, and Trim is called; without it,
	// both always are when Index is set.
	IndexIf func(all []*packages.Package) bool

	// Trim, if set, is given the syntax of each package that does not
	// match the patterns and is type-checked with function bodies, in
	// the second pass if Index is set, after parsing and before
	// type-checking, to drop bodies that the analysis does not need;
	// it reports whether it dropped any. An import left unused by that
	// is then not an error.
	Trim func(p *packages.Package, files []*ast.File) bool

	// Fset, if set, is the file set to parse into.
	Fset *token.FileSet

	// Tests says to load the packages' tests too.
	Tests bool

	// Skip reports whether the analyzer has nothing to do for the
	// package whose first file is in dir. Such packages are
	// type-checked without function bodies and not analysed.
	Skip func(dir string) bool

	// Cache, if not nil, keeps each analysed package's diagnostics and
	// facts, so that a later run needs neither to analyse a package
	// that has not changed, nor, unless a package that has imports it,
	// to type-check it (see cache.go).
	Cache *cache.Cache
	// Salt goes into every cache key: it identifies the analyzer's
	// version and options.
	Salt []byte
	// Extra, if not nil, returns what more the analysis of the
	// package in dir depends on, such as a configuration file, for
	// its cache key.
	Extra func(dir string) string

	// Logf, if not nil, is given notes on the run: what it loaded and
	// found in the cache, and how long each phase took.
	Logf func(format string, args ...any)
}

// A Result is the analysis of one package that matched the patterns.
type Result struct {
	Package     *packages.Package // metadata only: no syntax or types
	Diagnostics []analysis.Diagnostic
	Value       any   // the analyzer's result; nil for a result from the cache
	Err         error // from the analyzer
	// Broken holds the errors, one per line, that kept the package
	// from being analysed: its own, in loading, parsing or
	// type-checking, or, when BrokenDep is set, those of that
	// dependency.
	Broken error
	// BrokenDep is the import path of a dependency with errors, for
	// which the package was skipped; "" if the errors are its own.
	BrokenDep string
}

// Run loads the packages that match patterns, analyses them and their
// dependencies, and returns the results of those that match, in the
// order go/packages returns them, with the file set of their
// positions. A package that cannot be loaded, parsed or type-checked
// is not analysed, nor is any package that imports it, directly or not:
// their results say why (Broken), and every other package is analysed.
// Run returns an error only when the packages cannot be listed at all.
func Run(cfg Config, patterns ...string) (*token.FileSet, []Result, error) {
	if cfg.Analyzer != nil && len(cfg.Analyzer.Requires) > 0 {
		return nil, nil, fmt.Errorf("analyzer %s requires other analyzers", cfg.Analyzer.Name)
	}
	r := &runner{
		cfg:     cfg,
		fset:    cfg.Fset,
		results: make(map[*packages.Package]*Result),
		facts:   make(map[factKey]analysis.Fact),
		added:   make(map[string]*token.File),
		hashed:  make(map[string][]byte),
	}
	if r.fset == nil {
		r.fset = token.NewFileSet()
	}
	if cfg.Cache != nil {
		results, missed, err := r.fromCache(patterns)
		if err != nil {
			return nil, nil, err
		}
		if results != nil && len(missed) == 0 {
			return r.fset, results, nil
		}
		if results != nil {
			ok, err := r.runMissed(results, missed)
			if err != nil {
				return nil, nil, err
			}
			if ok {
				return r.fset, results, nil
			}
		}
	}
	start := time.Now()
	initial, err := packages.Load(r.loadConfig(), patterns...)
	if err != nil {
		return nil, nil, err
	}
	r.logf("loaded %d packages for analysis in %v", len(initial), time.Since(start))
	for _, p := range initial {
		r.results[p] = &Result{Package: p}
	}
	if cfg.Index != nil && cfg.IndexIf != nil {
		var all []*packages.Package
		packages.Visit(initial, nil, func(p *packages.Package) { all = append(all, p) })
		if !cfg.IndexIf(all) {
			r.cfg.Index, r.cfg.Trim = nil, nil
		}
	}
	if r.cfg.Index != nil {
		start = time.Now()
		first := &runner{
			cfg:     Config{Visit: cfg.Index, Skip: cfg.Skip},
			fset:    token.NewFileSet(),
			results: make(map[*packages.Package]*Result),
		}
		for _, p := range initial {
			first.results[p] = &Result{Package: p}
		}
		first.run(initial)
		// The first pass's types would otherwise live until each
		// package is checked again, most of them through most of
		// the second pass.
		packages.Visit(initial, nil, func(p *packages.Package) {
			p.Types, p.Syntax, p.TypesInfo, p.Fset = nil, nil, nil, nil
		})
		r.logf("indexed the packages in %v", time.Since(start))
	}
	start = time.Now()
	r.run(initial)
	r.logf("processed the packages in %v", time.Since(start))
	results := make([]Result, len(initial))
	for i, p := range initial {
		results[i] = *r.results[p]
	}
	return r.fset, results, nil
}

// loadConfig returns the configuration that lists packages for
// analysis.
func (r *runner) loadConfig() *packages.Config {
	return &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
			packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedTypesSizes,
		Tests: r.cfg.Tests,
	}
}

// A runner holds the state of one run.
type runner struct {
	cfg     Config
	fset    *token.FileSet
	results map[*packages.Package]*Result // of the initial packages; written before run starts, then only through the pointers

	// With a cache, written before the packages are processed: the
	// key of each package, by ID, the entry of those found in the
	// cache, and the packages whose types are needed (nil: all).
	keyOf     map[string]cache.Key
	cached    map[*packages.Package]*entry
	needTypes map[*packages.Package]bool

	// build identifies the build configuration, for cache keys;
	// modCache is the module cache directory, with a final separator;
	// looked holds the entries looked up in the cache by key, nil for
	// a miss, so that none is read twice.
	build    string
	modCache string
	looked   map[cache.Key]*entry
	hashed   map[string][]byte // by contentHash, under mu

	mu    sync.Mutex
	facts map[factKey]analysis.Fact
	added map[string]*token.File // files added for the positions of cached diagnostics, by name
}

// An objectFact is a fact that a package exported.
type objectFact struct {
	obj  types.Object
	fact analysis.Fact
}

// A factKey identifies an object fact.
type factKey struct {
	obj types.Object
	typ reflect.Type
}

// run processes every package reachable from initial, each after its
// dependencies, up to GOMAXPROCS at a time. A package with errors
// (from loading, or from process) is recorded as broken in the results,
// and the packages that import it, directly or not, as skipped.
func (r *runner) run(initial []*packages.Package) {
	// waiting counts each package's unfinished dependencies;
	// importers lists the packages waiting for each one.
	waiting := make(map[*packages.Package]int)
	importers := make(map[*packages.Package][]*packages.Package)
	var all []*packages.Package
	packages.Visit(initial, nil, func(p *packages.Package) {
		all = append(all, p)
		waiting[p] = len(p.Imports)
		for _, imp := range p.Imports {
			importers[imp] = append(importers[imp], p)
		}
	})

	type done struct {
		pkg *packages.Package
		err error
	}
	work := make(chan *packages.Package)
	finished := make(chan done)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range work {
				finished <- done{p, r.process(p)}
			}
		})
	}

	// broken marks p as having errors, and every package that imports
	// it, directly or not, as skipped for p.
	skipped := make(map[*packages.Package]bool)
	var skip func(p, cause *packages.Package, err error)
	skip = func(p, cause *packages.Package, err error) {
		for _, imp := range importers[p] {
			if skipped[imp] {
				continue
			}
			skipped[imp] = true
			if res := r.results[imp]; res != nil && res.Broken == nil {
				res.Broken, res.BrokenDep = err, cause.PkgPath
			}
			skip(imp, cause, err)
		}
	}
	broken := func(p *packages.Package, err error) {
		if res := r.results[p]; res != nil {
			res.Broken, res.BrokenDep = err, "" // its own errors come first
		}
		skip(p, p, err)
	}
	if r.cfg.Cache != nil {
		r.cached, r.needTypes = r.lookUp(all)
	}
	var ready []*packages.Package
	for _, p := range all {
		if len(p.Errors) > 0 {
			var errs []error
			for _, e := range p.Errors {
				errs = append(errs, e)
			}
			broken(p, errors.Join(errs...))
		}
	}
	for _, p := range all {
		if waiting[p] == 0 && len(p.Errors) == 0 && !skipped[p] {
			ready = append(ready, p)
		}
	}
	for running := 0; running > 0 || len(ready) > 0; {
		// Offer the next ready package while waiting for one to
		// finish.
		var next chan *packages.Package
		var p *packages.Package
		if len(ready) > 0 {
			next, p = work, ready[len(ready)-1]
		}
		select {
		case next <- p:
			ready = ready[:len(ready)-1]
			running++
		case d := <-finished:
			running--
			if d.err != nil {
				broken(d.pkg, d.err)
				continue
			}
			for _, imp := range importers[d.pkg] {
				if waiting[imp]--; waiting[imp] == 0 && len(imp.Errors) == 0 && !skipped[imp] {
					ready = append(ready, imp)
				}
			}
		}
	}
	close(work)
	wg.Wait()
}

// skips reports whether the analyzer has nothing to do for p. (A
// package listed without its compiled files has none; one listed with
// them but without Go files has errors.)
func (r *runner) skips(p *packages.Package) bool {
	return len(p.GoFiles) == 0 && len(p.CompiledGoFiles) == 0 || r.cfg.Skip != nil && r.cfg.Skip(packageDir(p))
}

// logf passes a note to Config.Logf, if set.
func (r *runner) logf(format string, args ...any) {
	if r.cfg.Logf != nil {
		r.cfg.Logf(format, args...)
	}
}

// process parses and type-checks p, analyses it unless the analyzer
// skips it, and drops its syntax and type information. With a cache, a
// package found there is only type-checked, without function bodies,
// and given its facts, if an importer needs its types, and its
// diagnostics come from the cache. It returns the errors that make p
// unusable.
func (r *runner) process(p *packages.Package) error {
	if p.PkgPath == "unsafe" {
		p.Types = types.Unsafe
		return r.visit(p, nil, nil)
	}
	e := r.cached[p]
	skip := r.skips(p)
	if r.needTypes != nil && !r.needTypes[p] {
		if res := r.results[p]; res != nil && e != nil {
			res.Diagnostics = r.diagnostics(e)
		}
		return nil
	}
	files, info, typeErrors, err := r.check(p, skip || e != nil)
	if err != nil {
		return err
	}
	if r.cfg.Visit != nil {
		if skip {
			files = nil // without bodies
		}
		return r.visit(p, files, info)
	}
	if e != nil {
		if err := r.importFacts(p.Types, e); err == nil {
			if res := r.results[p]; res != nil {
				res.Diagnostics = r.diagnostics(e)
			}
			return nil
		}
		// Not this package's entry after all: analyse it.
		if files, info, typeErrors, err = r.check(p, false); err != nil {
			return err
		}
	} else if skip {
		return nil
	}
	diags, value, facts, err := r.analyse(p, files, info, typeErrors)
	if res := r.results[p]; res != nil {
		res.Diagnostics, res.Value, res.Err = diags, value, err
	}
	if r.cfg.Cache != nil && err == nil {
		r.store(p, diags, facts)
	}
	return nil
}

// visit calls the Visit function, if any, with p's syntax and type
// information, which p keeps if it matches the patterns.
func (r *runner) visit(p *packages.Package, files []*ast.File, info *types.Info) error {
	if r.cfg.Visit == nil {
		return nil
	}
	if r.results[p] != nil {
		p.Syntax, p.TypesInfo, p.Fset = files, info, r.fset
	}
	return r.cfg.Visit(p, files, info)
}

// check parses and type-checks p, without function bodies if
// noBodies is set, and sets p.Types. It returns the syntax and type
// information, nil without bodies, and the errors that make p
// unusable.
func (r *runner) check(p *packages.Package, noBodies bool) ([]*ast.File, *types.Info, []types.Error, error) {
	files, errs := r.parse(p, noBodies)
	trimmed := r.cfg.Trim != nil && !noBodies && r.results[p] == nil && r.cfg.Trim(p, files)
	var info *types.Info
	if !noBodies {
		info = &types.Info{
			Types:        make(map[ast.Expr]types.TypeAndValue),
			Defs:         make(map[*ast.Ident]types.Object),
			Uses:         make(map[*ast.Ident]types.Object),
			Implicits:    make(map[ast.Node]types.Object),
			Instances:    make(map[*ast.Ident]types.Instance),
			Scopes:       make(map[ast.Node]*types.Scope),
			Selections:   make(map[*ast.SelectorExpr]*types.Selection),
			FileVersions: make(map[*ast.File]string),
		}
	}
	var typeErrors []types.Error
	ignored := 0 // unused imports of a trimmed package
	tc := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			imp := p.Imports[path]
			if imp == nil || imp.Types == nil {
				return nil, fmt.Errorf("no package for import %q", path)
			}
			return imp.Types, nil
		}),
		IgnoreFuncBodies: noBodies,
		Sizes:            p.TypesSizes,
		Error: func(err error) {
			var terr types.Error
			switch {
			case !errors.As(err, &terr):
			case trimmed && unusedImport(terr):
				ignored++
			default:
				typeErrors = append(typeErrors, terr)
			}
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	pkg, err := tc.Check(p.PkgPath, r.fset, files, info)
	for _, terr := range typeErrors {
		errs = append(errs, fmt.Errorf("%s: %s", r.fset.Position(terr.Pos), terr.Msg))
	}
	if err != nil && len(typeErrors) == 0 && len(errs) == 0 && ignored == 0 {
		errs = append(errs, fmt.Errorf("%s: %w", p.ID, err))
	}
	if len(errs) > 0 {
		return nil, nil, nil, errors.Join(errs...)
	}
	p.Types = pkg
	return files, info, typeErrors, nil
}

// unusedImport reports whether err says that an import is not used:
// "\"fmt\" imported and not used", or "imported as f and not used".
func unusedImport(err types.Error) bool {
	return err.Soft && strings.HasPrefix(err.Msg, "\"") && strings.HasSuffix(err.Msg, " and not used") &&
		(strings.Contains(err.Msg, "\" imported and not used") || strings.Contains(err.Msg, "\" imported as "))
}

// parse parses p's files, with comments unless skip is set.
func (r *runner) parse(p *packages.Package, skip bool) ([]*ast.File, []error) {
	mode := parser.SkipObjectResolution
	if !skip {
		mode |= parser.ParseComments
	}
	var files []*ast.File
	var errs []error
	for _, name := range p.CompiledGoFiles {
		f, err := parser.ParseFile(r.fset, name, nil, mode)
		var list scanner.ErrorList
		switch {
		case errors.As(err, &list):
			for _, e := range list {
				errs = append(errs, fmt.Errorf("%s: %s", e.Pos, e.Msg))
			}
		case err != nil:
			errs = append(errs, err)
		}
		if f != nil {
			files = append(files, f)
		}
	}
	return files, errs
}

// analyse runs the analyzer on p and returns its diagnostics, its
// result and the facts it exported.
func (r *runner) analyse(p *packages.Package, files []*ast.File, info *types.Info, typeErrors []types.Error) ([]analysis.Diagnostic, any, []objectFact, error) {
	var diags []analysis.Diagnostic
	var exported []objectFact
	pass := &analysis.Pass{
		Analyzer:     r.cfg.Analyzer,
		Fset:         r.fset,
		Files:        files,
		OtherFiles:   p.OtherFiles,
		IgnoredFiles: p.IgnoredFiles,
		Pkg:          p.Types,
		TypesInfo:    info,
		TypesSizes:   p.TypesSizes,
		TypeErrors:   typeErrors,
		ResultOf:     map[*analysis.Analyzer]any{},
		Report:       func(d analysis.Diagnostic) { diags = append(diags, d) },
		ReadFile:     readFileOf(p),
		ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
			r.mu.Lock()
			got, ok := r.facts[factKey{obj, reflect.TypeOf(fact)}]
			r.mu.Unlock()
			if ok {
				reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(got).Elem())
			}
			return ok
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			if obj.Pkg() != p.Types {
				panic(fmt.Sprintf("%s: fact exported for %s, an object of another package", p.PkgPath, obj))
			}
			r.mu.Lock()
			r.facts[factKey{obj, reflect.TypeOf(fact)}] = fact
			r.mu.Unlock()
			exported = append(exported, objectFact{obj, fact})
		},
	}
	if p.Module != nil {
		pass.Module = &analysis.Module{Path: p.Module.Path, Version: p.Module.Version, GoVersion: p.Module.GoVersion}
	}
	value, err := r.cfg.Analyzer.Run(pass)
	return diags, value, exported, err
}

// readFileOf returns a [analysis.Pass.ReadFile] that reads the files
// of p and no others.
func readFileOf(p *packages.Package) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if !slices.Contains(p.CompiledGoFiles, name) && !slices.Contains(p.GoFiles, name) &&
			!slices.Contains(p.OtherFiles, name) && !slices.Contains(p.IgnoredFiles, name) {
			return nil, fmt.Errorf("reading %s: not a file of package %s", name, p.PkgPath)
		}
		return os.ReadFile(name)
	}
}

// packageDir returns the directory of p's source files. (Its compiled
// files may be in the build cache.)
func packageDir(p *packages.Package) string {
	if len(p.GoFiles) > 0 {
		return filepath.Dir(p.GoFiles[0])
	}
	return filepath.Dir(p.CompiledGoFiles[0])
}

// importerFunc is a [types.Importer] made of a function.
type importerFunc func(path string) (*types.Package, error)

// Import returns the package with the given path.
func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
