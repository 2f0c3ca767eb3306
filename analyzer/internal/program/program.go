// Package program analyses a whole program at once, to see the calls
// that per-package analysis cannot: through interfaces, function-valued
// fields and variables, handler tables and higher-order helpers.
//
// It builds SSA for every package as the package is type-checked (see
// [Builder]), finds the request roots with the same rules as
// per-package mode, finds by a coarse rapid type analysis the code
// that the program may run (the packages under analysis, package
// initialisation, and what they reach), and builds a VTA call graph of
// that code, dependencies included. A dispatcher then drops the edges
// of that graph that cannot happen (see dispatcher.callees). It then
// summarises functions with the same code as per-package mode, which
// consults the call graph only for calls that SSA cannot resolve
// statically, so that the two modes agree on every static call.
// Dispatch by reflection is resolved from types, in both modes alike,
// not from the call graph.
//
// The standard library is not analysed from its bodies (the catalog
// covers it), nor is offload, whose whole point is to take work off the
// request's path.
package program

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/build"
	"go/token"
	"go/types"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/callgraph/vta"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/directive"
	"github.com/blockcheck/blockcheck/analyzer/internal/report"
	"github.com/blockcheck/blockcheck/analyzer/internal/roots"
	"github.com/blockcheck/blockcheck/analyzer/internal/ssabuild"
	"github.com/blockcheck/blockcheck/analyzer/internal/summary"
)

// offloadPath is the import path of the offload package, whose bodies
// are never followed.
const offloadPath = "github.com/blockcheck/blockcheck/offload"

// analysisMemoryLimit is the soft limit on the Go runtime's memory
// (GOMEMLIMIT) while the program is analysed, after loading, unless the
// user set one: under 4 GiB, what a hosted CI runner can spare.
const analysisMemoryLimit = 3584 << 20

// mockingPackages are the packages that test doubles import.
var mockingPackages = map[string]bool{
	"github.com/stretchr/testify/mock": true,
	"go.uber.org/mock/gomock":          true,
	"github.com/golang/mock/gomock":    true,
}

// Options configure an analysis.
type Options struct {
	// Extra and Ignored are as in summary.Config.
	Extra   map[string]*catalog.Entry
	Ignored map[string]bool
	// Roots say what more is a root.
	Roots roots.Options
	// Enabled holds the categories to report.
	Enabled map[catalog.Category]bool
	// GOROOT says to analyse the Go distribution's packages too, as
	// roots and from their bodies, as per-package mode's -goroot does.
	GOROOT bool
	// TypeGraph says to resolve dynamic calls by rapid type analysis
	// instead of VTA, to measure what VTA is worth: its graph is
	// cheaper to build and coarser (bench/corpus/TRIAGE.md).
	TypeGraph bool
	// Mapped, if set, is called once the program is summarised, with
	// the summaries, the finder, the roots of pkgs and their source
	// functions: what a request-path map is drawn from.
	Mapped func(res *summary.Result, finder *roots.Finder, rs []roots.Root, funcs []*ssa.Function)
}

// A Finding is a diagnostic with what a trace of it needs.
type Finding struct {
	// Package is the package of the root.
	Package *packages.Package
	// Diagnostic is the diagnostic, as per-package mode would report it.
	Diagnostic analysis.Diagnostic
	// Root names the root; Path is the chain the diagnostic shows.
	Root string
	Path summary.Path
}

// A Builder builds the SSA form of a program package by package, as
// each is type-checked after its dependencies, so that no more than a
// few packages' type information is held at once: it goes as soon as
// the package is built. Of a dependency's syntax, what the analysis
// needs is read at once, and the bodies of its functions are dropped.
type Builder struct {
	mu         sync.Mutex
	prog       *ssa.Program
	syntax     summary.Syntax
	directives map[*types.Package]*directive.Set // of the packages built from syntax
}

// NewBuilder returns a builder of a program whose files are in fset.
func NewBuilder(fset *token.FileSet) *Builder {
	return &Builder{
		prog:       ssa.NewProgram(fset, ssa.InstantiateGenerics),
		directives: make(map[*types.Package]*directive.Set),
	}
}

// Add adds p, which has been type-checked, and builds its SSA form
// from files and info; without files, p is seen through its types only,
// as the standard library is (its functions are summarised by the
// catalog, never followed, and building them would cost much of the
// memory). A package under analysis, whose Syntax is set, keeps its
// syntax; of another, only the bodies of generic functions are kept,
// to be instantiated. Add must be called after Add for each package
// that p imports, and is safe to call concurrently.
func (b *Builder) Add(p *packages.Package, files []*ast.File, info *types.Info) (err error) {
	b.mu.Lock() // creating a package while another builds is a race
	defer b.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error building the SSA form of %s (please report it): %v\n%s", p.PkgPath, r, debug.Stack())
		}
	}()
	if len(files) == 0 {
		b.prog.CreatePackage(p.Types, nil, nil, true)
		return nil
	}
	b.prog.CreatePackage(p.Types, files, info, true).Build()
	b.syntax.Read(files)
	b.directives[p.Types] = directive.Parse(b.prog.Fset, files)
	if p.Syntax == nil {
		dropBodies(files, info)
	}
	return nil
}

// dropBodies drops the bodies of the functions declared in files, and
// of the function literals in them, and the type information of all
// but generic functions and methods: SSA keeps the syntax of every
// function it builds, and the type information of each generic one,
// which alone needs them once built, for new instances.
func dropBodies(files []*ast.File, info *types.Info) {
	var kept []ast.Node // the declarations of generic functions, in order
	for _, file := range files {
		for _, decl := range file.Decls {
			decl, ok := decl.(*ast.FuncDecl)
			if !ok || decl.Body == nil {
				continue
			}
			fn, ok := info.Defs[decl.Name].(*types.Func)
			if !ok {
				continue
			}
			if sig := fn.Signature(); sig.TypeParams().Len() > 0 || sig.RecvTypeParams().Len() > 0 {
				kept = append(kept, decl)
				continue
			}
			var lits []*ast.FuncLit
			ast.Inspect(decl.Body, func(n ast.Node) bool {
				if lit, ok := n.(*ast.FuncLit); ok {
					lits = append(lits, lit)
				}
				return true
			})
			for _, lit := range lits {
				lit.Body = nil
			}
			decl.Body = nil
		}
	}
	if len(kept) > 0 {
		pruneInfo(info, kept)
	}
}

// pruneInfo keeps in info only what is about the syntax within decls,
// which are in source order. The maps are made anew, as a map does not
// shrink when entries are deleted, and SSA holds info for as long as
// it may instantiate the generic functions.
func pruneInfo(info *types.Info, decls []ast.Node) {
	within := func(pos token.Pos) bool {
		i, _ := slices.BinarySearchFunc(decls, pos, func(d ast.Node, pos token.Pos) int {
			return cmp.Compare(d.End(), pos)
		})
		return i < len(decls) && decls[i].Pos() <= pos
	}
	info.Types = filter(info.Types, func(e ast.Expr) bool { return within(e.Pos()) })
	info.Instances = filter(info.Instances, func(id *ast.Ident) bool { return within(id.Pos()) })
	info.Defs = filter(info.Defs, func(id *ast.Ident) bool { return within(id.Pos()) })
	info.Uses = filter(info.Uses, func(id *ast.Ident) bool { return within(id.Pos()) })
	info.Implicits = filter(info.Implicits, func(n ast.Node) bool { return within(n.Pos()) })
	info.Selections = filter(info.Selections, func(e *ast.SelectorExpr) bool { return within(e.Pos()) })
	info.Scopes = filter(info.Scopes, func(n ast.Node) bool { return within(n.Pos()) })
}

// filter returns a new map of the entries of m whose keys keep holds
// for.
func filter[K comparable, V any](m map[K]V, keep func(K) bool) map[K]V {
	kept := make(map[K]V)
	for k, v := range m {
		if keep(k) {
			kept[k] = v
		}
	}
	return kept
}

// Analyze analyses the program made of pkgs and their dependencies,
// which must all have been added, pkgs with their syntax and type
// information, and returns the findings in the roots of pkgs, in
// package and source order.
func (b *Builder) Analyze(pkgs []*packages.Package, opts Options) ([]Finding, error) {
	// Loading leaves the heap full of the type checker's garbage,
	// which the collector would let grow to twice what was live at
	// its last run, during loading, before collecting it: collected
	// now, the peak is lower by a sixth (centrifugo 2.1 to 1.7 GiB,
	// prometheus 6.0 to 5.4 GiB), for a second or two.
	runtime.GC()
	// What the analysis adds to the heap is small beside the program's
	// SSA form, which it keeps to the end, but VTA's transient graphs
	// would let the collector's default leeway, as much again as is
	// live, take a large program past 4 GiB (spire, 2.3 GiB live). A
	// soft limit bounds that without making the collector run more
	// often in programs that are far from it, as a lower GOGC would.
	if debug.SetMemoryLimit(-1) == math.MaxInt64 { // the user set none
		debug.SetMemoryLimit(analysisMemoryLimit)
		defer debug.SetMemoryLimit(math.MaxInt64)
	}
	var all []*packages.Package
	packages.Visit(pkgs, nil, func(p *packages.Package) { all = append(all, p) })
	std := make(map[string]bool)
	modules := make(map[string]string) // package path → module path
	mainModules := make(map[string]bool)
	doubles := make(map[string]bool) // packages of test doubles
	for _, p := range all {
		if inGOROOT(p) && !opts.GOROOT {
			std[p.PkgPath] = true
		}
		if p.Module != nil {
			modules[p.PkgPath] = p.Module.Path
		}
		for imp := range p.Imports {
			if mockingPackages[imp] {
				doubles[p.PkgPath] = true
			}
		}
	}
	for _, p := range pkgs {
		mainModules[modules[p.PkgPath]] = true
	}
	prog := b.prog
	ssaOf := make(map[*packages.Package]*ssa.Package, len(all))
	for _, p := range all {
		if p.Types != nil {
			ssaOf[p] = prog.Package(p.Types)
		}
	}
	var sets []*directive.Set
	finder := roots.NewFinder(pkgs[0].Types, prog.Fset, opts.Roots)
	for _, p := range all {
		if std[p.PkgPath] || ssaOf[p] == nil {
			continue
		}
		if set := b.directives[p.Types]; set != nil {
			sets = append(sets, set)
		}
		finder.AddServices(p.Types)
	}
	// Roots are found over the functions of all the packages at once,
	// so that a handler registered in one package and declared in
	// another is found, and so are all the callers of a function that
	// only background work may run.
	var funcs []*ssa.Function
	pkgOf := make(map[*ssa.Package]*packages.Package)
	for _, p := range pkgs {
		sp := ssaOf[p]
		if sp == nil || std[p.PkgPath] {
			continue
		}
		pkgOf[sp] = p
		finder.MarkTestSupport(prog.Fset, p.Syntax)
		funcs = append(funcs, ssabuild.SourceFuncs(sp, p.Syntax, p.TypesInfo)...)
	}
	rootsOf := make(map[*packages.Package][]roots.Root)
	isRoot := make(map[*ssa.Function]bool)
	var entries []*ssa.Function
	found := finder.Find(funcs)
	for _, r := range found {
		p := pkgOf[r.Fn.Pkg]
		rootsOf[p] = append(rootsOf[p], r)
		isRoot[r.Fn] = true
		entries = append(entries, r.Fn)
	}

	local := func(fn *ssa.Function) bool {
		path := pkgPath(fn)
		return path == "" || !std[path] && path != offloadPath
	}
	// The call graph covers the local functions that the program may
	// run: the functions of the packages under analysis, all of them
	// (a library has no main, and main's constructors make the values
	// that handlers call through: stores, hashers, hooks), package
	// initialisation, and what they reach (see reachable),
	// which admits only the types and closures made on those paths.
	// Code of dependencies that nothing runs stays out, with what it
	// would make flow.
	var seeds []*ssa.Function
	for _, sp := range prog.AllPackages() {
		if init := sp.Func("init"); init != nil && !std[sp.Pkg.Path()] {
			seeds = append(seeds, init)
		}
	}
	slices.SortFunc(seeds, func(a, b *ssa.Function) int { return strings.Compare(a.String(), b.String()) })
	seeds = append(seeds, funcs...)
	// Every function that could assign a package-level variable is in
	// view, exported variables' too: those that reachable leaves out as
	// well, which a caller without a body here (reflection, a standard
	// library's callback) may still run.
	source := sourceFuncs(prog, local)
	constants := summary.Constants(source, true)
	bodies := reachable(prog, seeds, local)
	request := reachable(prog, entries, local)
	// What nothing runs is no longer needed: let its bodies go before
	// the call graph is built. (A generic function runs in its
	// instances, but a generic root that has none is still summarised
	// from its own body.)
	for _, fn := range source {
		if !bodies[fn] && !generic(fn) {
			fn.Blocks, fn.Locals, fn.Recover = nil, nil, nil
			// The uses of its parameters and free variables are
			// instructions of the body, which hold all of it.
			for _, p := range fn.Params {
				*p.Referrers() = nil
			}
			for _, fv := range fn.FreeVars {
				*fv.Referrers() = nil
			}
		}
	}
	// Collected now, they and what finding the roots and the reachable
	// code left behind set the collector's next goal by what is live
	// when VTA, the analysis's largest step, starts.
	runtime.GC()
	var graph *callgraph.Graph
	if opts.TypeGraph {
		graph = typeGraph(prog, bodies)
	} else {
		graph = vta.CallGraph(bodies, nil)
	}
	d := newDispatcher(bodies, graph, modules, mainModules, doubles)
	d.request = request
	callees := d.callees(graph)
	// A root that is generic is analysed in its instantiations, where
	// calls through its type parameters resolve (a generic toolbox of
	// handlers, one instance per resource).
	instances := make(map[*ssa.Function][]*ssa.Function)
	for fn := range graph.Nodes {
		if origin := fn.Origin(); origin != nil && isRoot[origin] {
			instances[origin] = append(instances[origin], fn)
		}
	}
	var expanded []*ssa.Function
	for _, fn := range entries {
		fns := instances[fn]
		if len(fns) == 0 {
			expanded = append(expanded, fn)
			continue
		}
		slices.SortFunc(fns, func(a, b *ssa.Function) int { return strings.Compare(a.String(), b.String()) })
		for _, inst := range fns {
			isRoot[inst] = true
		}
		expanded = append(expanded, fns...)
	}
	entries = expanded
	env := summary.Env{
		Fset:    prog.Fset,
		Syntax:  &b.syntax,
		Local:   local,
		Callees: func(call ssa.CallInstruction) []*ssa.Function { return callees[call] },
		Root: func(fn *ssa.Function) bool {
			// A method value passed to a router is called through its
			// bound wrapper.
			if obj, ok := fn.Object().(*types.Func); ok && fn.Synthetic != "" {
				if target := prog.FuncValue(obj); target != nil { // nil for interface methods
					fn = target
				}
			}
			// A dependency's functions are never reported as roots
			// of their own: a handler that a library makes (a file
			// server, a lazily built handler) is followed where the
			// program calls it.
			return isRoot[fn] || mainModules[modules[pkgPath(fn)]] && finder.Is(fn)
		},
		Dependency: func(fn *ssa.Function) bool {
			return !mainModules[modules[pkgPath(fn)]]
		},
		Constants: constants,
	}
	scfg := summary.Config{Directives: directive.Join(prog.Fset, sets), Extra: opts.Extra, Ignored: opts.Ignored}
	res := summary.Analyze(env, entries, scfg)
	if opts.Mapped != nil {
		opts.Mapped(res, finder, found, funcs)
	}

	// Without facts, the wrappers that give a Context variant a
	// background context are found in the syntax of the packages under
	// analysis, for the fixes that move their calls to the variant.
	variants := make(map[*types.Func]string)
	for _, p := range pkgs {
		if !std[p.PkgPath] {
			maps.Copy(variants, summary.Variants(p.Syntax, p.TypesInfo))
		}
	}
	importVariant := func(obj types.Object, fact analysis.Fact) bool {
		v, ok := fact.(*summary.Variant)
		fn, isFunc := obj.(*types.Func)
		if !ok || !isFunc || variants[fn] == "" {
			return false
		}
		v.Name = variants[fn]
		return true
	}

	var units []*unit
	for _, p := range pkgs {
		if std[p.PkgPath] {
			continue
		}
		u := &unit{pkg: p}
		u.pass = &analysis.Pass{
			Fset:       prog.Fset,
			Files:      p.Syntax,
			Pkg:        p.Types,
			TypesInfo:  p.TypesInfo,
			TypesSizes: p.TypesSizes,
			ReadFile:   os.ReadFile,

			ImportObjectFact: importVariant,
		}
		u.rep = report.New(u.pass, scfg, res, finder, rootsOf[p], opts.Enabled)
		for _, r := range rootsOf[p] {
			if fns := instances[r.Fn]; len(fns) > 0 {
				for _, fn := range fns {
					u.roots = append(u.roots, roots.Root{Fn: fn, Kind: r.Kind})
				}
				continue
			}
			u.roots = append(u.roots, r)
		}
		units = append(units, u)
	}
	dropDispatched(units)

	var findings []Finding
	for _, u := range units {
		p := u.pkg
		var reported []analysis.Diagnostic
		var traced []Finding
		u.pass.Report = func(d analysis.Diagnostic) { reported = append(reported, d) }
		u.rep.Traced = func(d analysis.Diagnostic, root string, path summary.Path) {
			traced = append(traced, Finding{Package: p, Diagnostic: d, Root: root, Path: path})
		}
		for _, r := range u.roots {
			u.rep.Root(r)
		}
		// One finding per call site and category, as for any root:
		// the instances of a generic root share their call sites, and
		// the first instance that reaches a category there speaks for
		// all (a toolbox[T] of 15 resources, on perses).
		type siteCategory struct {
			pos      token.Pos
			category string
		}
		seen := make(map[siteCategory]bool)
		traced = slices.DeleteFunc(traced, func(f Finding) bool {
			k := siteCategory{f.Diagnostic.Pos, f.Diagnostic.Category}
			dup := seen[k]
			seen[k] = true
			return dup
		})
		findings = append(findings, traced...)
		// Malformed directives, as per-package mode reports them.
		// (Stale ones are not: whether a directive suppresses anything
		// depends on the mode, and per-package mode is the reference.)
		reported = reported[:0]
		report.Directives(u.pass, directive.Parse(prog.Fset, p.Syntax))
		for _, d := range reported {
			findings = append(findings, Finding{Package: p, Diagnostic: d})
		}
	}
	return findings, nil
}

// A unit is a package of the program, with its reporter and the roots
// it reports: a generic root in its instances.
type unit struct {
	pkg   *packages.Package
	pass  *analysis.Pass
	rep   *report.Reporter
	roots []roots.Root
}

// dropDispatched sets each reporter's Drop so that a sink reached
// through a dispatch (a dynamic call that can also reach request
// roots: a router's dispatch, a middleware's next, a hook chain) is
// not reported at the dispatcher when some root reaches the same call
// of the sink without a dispatch, as a handler does its own work; and
// when none does (the handler was not recognised), it is reported once,
// at the first root in order that reaches it, whose chain names the
// handler.
func dropDispatched(units []*unit) {
	type sinkCall struct {
		sink string
		at   token.Position
	}
	direct := make(map[sinkCall]bool)
	owner := make(map[sinkCall]*ssa.Function)
	for _, u := range units {
		for _, r := range u.roots {
			for _, p := range u.rep.Reached(r) {
				k := sinkCall{p.Sink, p.SinkCall()}
				switch {
				case !p.Dispatched():
					direct[k] = true
				case owner[k] == nil:
					owner[k] = r.Fn
				}
			}
		}
	}
	drop := func(root *ssa.Function, p summary.Path) bool {
		if !p.Dispatched() {
			return false
		}
		k := sinkCall{p.Sink, p.SinkCall()}
		return direct[k] || owner[k] != root
	}
	for _, u := range units {
		u.rep.Drop = drop
	}
}

// pkgPath returns the import path of the package fn belongs to, or of
// the function it instantiates or wraps; "" if there is none.
func pkgPath(fn *ssa.Function) string {
	if fn.Pkg != nil {
		return fn.Pkg.Pkg.Path()
	}
	if o := fn.Origin(); o != nil && o.Pkg != nil {
		return o.Pkg.Pkg.Path()
	}
	if obj := fn.Object(); obj != nil && obj.Pkg() != nil {
		return obj.Pkg().Path()
	}
	return ""
}

// inGOROOT reports whether p is part of the Go distribution.
func inGOROOT(p *packages.Package) bool {
	src := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	for _, f := range p.GoFiles {
		return strings.HasPrefix(f, src)
	}
	return !strings.Contains(strings.Split(p.PkgPath, "/")[0], ".") && p.Module == nil && len(p.GoFiles) == 0
}

// sourceFuncs returns the local functions with bodies.
func sourceFuncs(prog *ssa.Program, local func(*ssa.Function) bool) []*ssa.Function {
	var funcs []*ssa.Function
	for fn := range ssautil.AllFunctions(prog) {
		if len(fn.Blocks) > 0 && local(fn) {
			funcs = append(funcs, fn)
		}
	}
	return funcs
}
