// Package summary computes, for every function of a package, the sinks
// that a call of it can reach and the shortest chain of calls to each,
// and exports the result as a [Reach] fact so that callers in other
// packages see it.
//
// Summaries are built bottom-up over the static call graph of the
// package: known sinks are the base case, a callee in another package
// contributes its fact, and strongly connected components (recursion)
// are solved together until nothing changes. Only calls whose callee is
// known statically are followed: direct calls, method calls on concrete
// types, calls of function literals and method values, and generic
// instantiations. Calls through interfaces and function values are not
// guessed.
//
// Not followed either, because the work they start is not on the
// request's path: go statements that the caller does not wait for,
// functions handed to sync.Once, offload or any other function (which
// decides when, and whether, to call them).
package summary

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/directive"
)

// maxPaths bounds the paths kept per function, so that facts stay
// small; the most severe and shortest are kept.
const maxPaths = 8

// Config holds what a summary needs beyond the package.
type Config struct {
	// Directives are the package's //blockcheck: directives.
	Directives *directive.Set
	// Extra holds sinks declared in configuration, by full name.
	Extra map[string]*catalog.Entry
	// Ignored holds the full names of sinks that configuration turns
	// off.
	Ignored map[string]bool
}

// lookup returns the sink entry for a function's full name.
func (c *Config) lookup(name string) *catalog.Entry {
	if c.Ignored[name] {
		return nil
	}
	if e, ok := catalog.Lookup(name); ok {
		return e
	}
	return c.Extra[name]
}

// isContextForm reports whether name is the context-aware form of a
// blocking sink that configuration does not turn off.
func (c *Config) isContextForm(name string) bool {
	_, ok := catalog.LookupContextForm(name)
	return ok && !c.Ignored[name]
}

// A Result holds the summaries of a package's functions.
type Result struct {
	pass  *analysis.Pass
	cfg   Config
	funcs []*ssa.Function
	nodes map[*ssa.Function]*node
	heads map[token.Pos]span // see Span

	// Tarjan's algorithm.
	index int
	stack []*node

	suppressed []suppression // sites that ignore directives remove
}

// A suppression is a site that an ignore directive removes.
type suppression struct {
	directive *directive.Directive
	site      *Site
}

type node struct {
	fn    *ssa.Function
	sites []*Site
	paths []Path // the summary: best path per sink, most severe first

	self    *Path                // the function is a sink by directive
	ignored *directive.Directive // says to report nothing through the function

	index, lowlink int // 0 until visited
	onStack        bool
}

// A Site is a place in a function where a sink can be reached: a call,
// or a receive from a timer's channel.
type Site struct {
	// Pos is the position of the call or receive.
	Pos token.Pos
	// Instr is the instruction at the site.
	Instr ssa.Instruction
	// Callee is the function called, or nil at a receive.
	Callee *ssa.Function
	// Origin, for a sink with a condition, is the position of the call
	// that built its command or request without a context.
	Origin token.Pos

	name        string         // the callee's display name
	head        token.Pos      // the start of the call's head
	posn        token.Position // head as a position
	callee      *node          // the callee, when it is summarised here
	transparent bool           // the callee is a wrapper: name its target, not it
	direct      []Path         // paths that do not go through callee
}

// Analyze summarises funcs, which must be the source functions of the
// package of pass, and everything they call in that package.
func Analyze(pass *analysis.Pass, funcs []*ssa.Function, cfg Config) *Result {
	r := &Result{pass: pass, cfg: cfg, funcs: funcs, nodes: make(map[*ssa.Function]*node), heads: callHeads(pass.Files)}
	for _, fn := range funcs {
		if n := r.node(fn); n.index == 0 {
			r.visit(n)
		}
	}
	return r
}

// A span is a range of source text.
type span struct{ start, end token.Pos }

// callHeads maps the position that SSA gives a call (its parenthesis,
// or the go or defer keyword) to the span of the call's head: the
// called expression, or its selector in a chain such as
// exec.Command(name).Run().
func callHeads(files []*ast.File) map[token.Pos]span {
	heads := make(map[token.Pos]span)
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				start := n.Fun.Pos()
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
					if _, chained := ast.Unparen(sel.X).(*ast.CallExpr); chained {
						start = sel.Sel.Pos()
					}
				}
				heads[n.Lparen] = span{start, n.Lparen}
			case *ast.GoStmt:
				heads[n.Go] = span{n.Go, n.Call.Lparen}
			case *ast.DeferStmt:
				heads[n.Defer] = span{n.Defer, n.Call.Lparen}
			}
			return true
		})
	}
	return heads
}

// Span returns the span of source that a report at a site's position
// should cover: a call's head, or just pos.
func (r *Result) Span(pos token.Pos) (start, end token.Pos) {
	if s, ok := r.heads[pos]; ok {
		return s.start, s.end
	}
	return pos, pos
}

// Sites returns the sites of fn that reach a sink, in instruction order;
// none if a directive says to report nothing through fn.
func (r *Result) Sites(fn *ssa.Function) []*Site {
	n := r.nodes[fn]
	if n == nil || n.ignored != nil {
		return nil
	}
	var sites []*Site
	for _, s := range n.sites {
		if len(s.direct) > 0 || s.callee != nil && len(s.callee.paths) > 0 {
			sites = append(sites, s)
		}
	}
	return sites
}

// Paths returns the summary of fn: its best path to each sink it
// reaches, most severe and shortest first.
func (r *Result) Paths(fn *ssa.Function) []Path {
	if n := r.nodes[fn]; n != nil {
		return n.paths
	}
	return nil
}

// UnusedIgnores returns the ignore directives in the package that
// suppress nothing: the call on their line reaches no sink, or there is
// no such call, or nothing is reached through the function they
// annotate.
func (r *Result) UnusedIgnores() []*directive.Directive {
	used := make(map[*directive.Directive]bool)
	reaches := func(s *Site) bool {
		if s.callee != nil && s.callee.index == 0 {
			r.visit(s.callee) // not on any path yet: summarise it now
		}
		return len(s.Paths()) > 0
	}
	for _, sup := range r.suppressed {
		if !used[sup.directive] && reaches(sup.site) {
			used[sup.directive] = true
		}
	}
	for _, fn := range r.funcs {
		n := r.nodes[fn]
		if n.ignored == nil || used[n.ignored] {
			continue
		}
		for _, s := range n.sites {
			if reaches(s) {
				used[n.ignored] = true
				break
			}
		}
	}
	var unused []*directive.Directive
	for _, d := range r.cfg.Directives.Ignores() {
		if !used[d] {
			unused = append(unused, d)
		}
	}
	return unused
}

// ExportFacts exports a Reach fact for each function that other
// packages can call by name and that reaches a sink.
func (r *Result) ExportFacts() {
	if r.pass.Pkg.Name() == "main" {
		return
	}
	for _, fn := range r.funcs {
		if fn.Parent() != nil {
			continue
		}
		obj := object(fn)
		if obj == nil || obj.Pkg() != r.pass.Pkg || !obj.Exported() {
			continue
		}
		if paths := r.nodes[fn].paths; len(paths) > 0 {
			r.pass.ExportObjectFact(obj, &Reach{Paths: paths})
		}
	}
}

// Paths returns the paths from the site to sinks, most severe and
// shortest first; each begins with the call at the site.
func (s *Site) Paths() []Path {
	paths := slices.Clone(s.direct)
	if s.callee != nil {
		for _, p := range s.callee.paths {
			paths = append(paths, s.through(p))
		}
	}
	slices.SortFunc(paths, compare)
	return paths
}

// through returns p, a path from the site's callee, as a path from the
// site.
func (s *Site) through(p Path) Path {
	if s.transparent && len(p.Calls) > 0 {
		call := s.call(p.Calls[0].Callee)
		p.Calls = append([]Call{call}, p.Calls[1:]...)
		return p
	}
	return p.prepend(s.call(s.name))
}

// call returns the call at the site to the function called name.
func (s *Site) call(name string) Call {
	return Call{Callee: name, File: s.posn.Filename, Line: s.posn.Line, Col: s.posn.Column, pos: s.head}
}

func (r *Result) node(fn *ssa.Function) *node {
	n := r.nodes[fn]
	if n == nil {
		n = &node{fn: fn}
		r.nodes[fn] = n
	}
	return n
}

// visit is Tarjan's algorithm: it solves each strongly connected
// component of the call graph once all the components it calls are
// solved.
func (r *Result) visit(n *node) {
	r.index++
	n.index, n.lowlink = r.index, r.index
	r.stack = append(r.stack, n)
	n.onStack = true

	r.classify(n)
	if n.self == nil {
		// An ignored function's sites are computed too: they tell
		// whether its directive suppresses anything.
		n.sites = r.sitesOf(n.fn)
	}
	for _, s := range n.sites {
		c := s.callee
		switch {
		case c == nil:
		case c.index == 0:
			r.visit(c)
			n.lowlink = min(n.lowlink, c.lowlink)
		case c.onStack:
			n.lowlink = min(n.lowlink, c.index)
		}
	}
	if n.lowlink != n.index {
		return
	}
	i := len(r.stack) - 1
	for r.stack[i] != n {
		i--
	}
	scc := r.stack[i:]
	r.stack = r.stack[:i]
	for _, m := range scc {
		m.onStack = false
	}
	r.solve(scc)
}

// classify applies the function-level directives to n.
func (r *Result) classify(n *node) {
	for fn := n.fn; fn != nil; fn = fn.Parent() {
		decl, _ := fn.Syntax().(*ast.FuncDecl)
		if decl == nil {
			continue
		}
		if d := r.cfg.Directives.OnFunc(decl, directive.Ignore); d != nil {
			n.ignored = d
			return
		}
		if fn == n.fn {
			if d := r.cfg.Directives.OnFunc(decl, directive.Heavy); d != nil {
				if obj := object(fn); obj != nil {
					n.self = &Path{Sink: obj.FullName(), Category: catalog.CPUHeavy, Reason: d.Reason}
				}
			}
		}
	}
}

// solve computes the summaries of one strongly connected component.
// Paths only ever get shorter, so the loop ends; the bound is a guard.
func (r *Result) solve(scc []*node) {
	for range len(scc) + 16 {
		changed := false
		for _, n := range scc {
			paths := r.summarise(n)
			if !slices.EqualFunc(paths, n.paths, func(p, q Path) bool { return compare(p, q) == 0 }) {
				n.paths = paths
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

func (r *Result) summarise(n *node) []Path {
	if n.self != nil {
		return []Path{*n.self}
	}
	if n.ignored != nil {
		return nil
	}
	best := make(map[string]Path)
	for _, s := range n.sites {
		for _, p := range s.Paths() {
			if q, ok := best[p.Sink]; !ok || compare(p, q) < 0 {
				best[p.Sink] = p
			}
		}
	}
	paths := slices.SortedFunc(maps.Values(best), compare)
	if len(paths) > maxPaths {
		paths = paths[:maxPaths]
	}
	return paths
}

// sitesOf finds the sites of fn.
func (r *Result) sitesOf(fn *ssa.Function) []*Site {
	var sites []*Site
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var s *Site
			switch instr := instr.(type) {
			case *ssa.Go:
				if startsWaited(fn, instr.Common()) {
					s = r.callSite(fn, instr, instr.Common())
				}
			case ssa.CallInstruction:
				s = r.callSite(fn, instr, instr.Common())
			case *ssa.UnOp:
				if instr.Op == token.ARROW {
					if name, ok := timerChannel(instr.X); ok {
						s = r.sinkSite(instr, name)
					}
				}
			case *ssa.Select:
				if name, ok := timerSelect(instr); ok {
					s = r.sinkSite(instr, name)
				}
			}
			if s == nil {
				continue
			}
			if d := r.cfg.Directives.IgnoredAt(s.head); d != nil {
				r.suppressed = append(r.suppressed, suppression{d, s})
			} else {
				sites = append(sites, s)
			}
		}
	}
	return sites
}

func (r *Result) newSite(instr ssa.Instruction, pos token.Pos) *Site {
	s := &Site{Pos: pos, Instr: instr}
	if pos.IsValid() {
		s.head, _ = r.Span(pos)
		s.posn = r.pass.Fset.Position(s.head)
	}
	return s
}

// sinkSite returns a site that waits on a timer made by the catalog
// function name.
func (r *Result) sinkSite(instr ssa.Instruction, name string) *Site {
	s := r.newSite(instr, instr.Pos())
	e := r.cfg.lookup(name)
	s.direct = []Path{{Sink: e.Name, Category: e.Category, Calls: []Call{s.call(name)}, CallerHasContext: hasContext(instr.Parent())}}
	return s
}

// groupGo lists the methods that run their function argument on a new
// goroutine that the group's Wait method waits for.
var groupGo = map[string]bool{
	"(*golang.org/x/sync/errgroup.Group).Go":    true,
	"(*golang.org/x/sync/errgroup.Group).TryGo": true,
	"(*sync.WaitGroup).Go":                      true,
}

// ioHelpers maps standard functions that call Write on one of their
// arguments to that argument's index.
var ioHelpers = map[string]int{
	"io.Copy":        0,
	"io.CopyN":       0,
	"io.CopyBuffer":  0,
	"io.WriteString": 0,
}

// callSite returns the site of a call, or nil if the call cannot reach
// a sink.
func (r *Result) callSite(fn *ssa.Function, instr ssa.Instruction, call *ssa.CallCommon) *Site {
	if call.IsInvoke() {
		return nil
	}
	callee := call.StaticCallee()
	if callee == nil {
		return nil
	}
	s := r.newSite(instr, instr.Pos())
	s.Callee = callee
	obj := object(callee)
	if obj != nil {
		name := obj.FullName()
		s.name = ObjectName(obj)
		if groupGo[name] {
			if len(call.Args) == 2 && waitsFor(fn, call.Args[0]) {
				return r.callSite(fn, instr, &ssa.CallCommon{Value: call.Args[1]})
			}
			return nil
		}
		if e := r.cfg.lookup(name); e != nil {
			origin, ok := applies(e, call)
			if !ok {
				return nil
			}
			s.Origin = origin
			s.direct = []Path{{Sink: e.Name, Category: e.Category, Calls: []Call{s.call(s.name)}, CallerHasContext: hasContext(fn)}}
			return s
		}
		if r.cfg.isContextForm(name) {
			if !givenBackground(call) {
				return nil
			}
			s.direct = []Path{{Sink: name, Category: catalog.BackgroundContext, Calls: []Call{s.call(s.name)}}}
			return s
		}
		if dst, ok := ioHelpers[name]; ok {
			if s.direct = r.throughWriter(s, call, dst); s.direct == nil {
				return nil
			}
			return s
		}
	} else {
		s.name = FuncName(callee)
	}

	if len(callee.Blocks) > 0 && (callee.Pkg == nil || callee.Pkg.Pkg == r.pass.Pkg) {
		s.callee = r.node(callee)
		s.transparent = callee.Synthetic != "" && callee.Syntax() == nil
		return s
	}
	if obj != nil && obj.Pkg() != r.pass.Pkg {
		var fact Reach
		if r.pass.ImportObjectFact(obj, &fact) {
			for _, p := range fact.Paths {
				s.direct = append(s.direct, s.through(p))
			}
			return s
		}
	}
	return nil
}

// applies reports whether a call to a catalog entry's function is a
// sink and, for entries with a condition, returns the position of the
// call that made its command or request.
func applies(e *catalog.Entry, call *ssa.CallCommon) (token.Pos, bool) {
	switch e.When {
	case catalog.Always:
		return token.NoPos, true
	case catalog.CommandWithoutContext:
		if len(call.Args) > 0 {
			return resultOf(call.Args[0], "os/exec.Command")
		}
	case catalog.RequestWithoutContext:
		if len(call.Args) > 1 {
			return resultOf(call.Args[1], "net/http.NewRequest")
		}
	}
	return token.NoPos, false // TimerWait: the wait, not the call, is the sink
}

// throughWriter returns the path by which an io helper reaches a sink
// by calling Write on its argument i, when the argument's concrete type
// is known at the call.
func (r *Result) throughWriter(s *Site, call *ssa.CallCommon, i int) []Path {
	if i >= len(call.Args) {
		return nil
	}
	mi, ok := call.Args[i].(*ssa.MakeInterface)
	if !ok {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(mi.X.Type(), true, nil, "Write")
	m, ok := obj.(*types.Func)
	if !ok {
		return nil
	}
	e := r.cfg.lookup(m.FullName())
	if e == nil || e.When != catalog.Always {
		return nil
	}
	return []Path{{Sink: e.Name, Category: e.Category, Calls: []Call{
		s.call(s.name),
		s.call(ObjectName(m)),
	}}}
}

// startsWaited reports whether a go statement in fn starts a goroutine
// that fn waits for: one that is given a WaitGroup, errgroup or channel
// that fn then waits on or receives from.
func startsWaited(fn *ssa.Function, call *ssa.CallCommon) bool {
	vals := call.Args
	if mc, ok := call.Value.(*ssa.MakeClosure); ok {
		vals = append(slices.Clip(vals), mc.Bindings...)
	}
	for _, v := range vals {
		if waitsFor(fn, v) {
			return true
		}
	}
	return false
}

// timerSelect reports whether sel blocks until a timer fires: it has no
// default case and every case receives from a timer's channel.
func timerSelect(sel *ssa.Select) (string, bool) {
	if !sel.Blocking || len(sel.States) == 0 {
		return "", false
	}
	var first string
	for _, st := range sel.States {
		if st.Dir != types.RecvOnly {
			return "", false
		}
		name, ok := timerChannel(st.Chan)
		if !ok {
			return "", false
		}
		if first == "" {
			first = name
		}
	}
	return first, true
}

// Relevant reports whether the package of pass can reach any sink at
// all: whether it mentions a sink, a function with a Reach fact, or an
// io helper together with a package whose types have sink methods, or
// declares a sink by directive. Packages that do not are skipped
// before any SSA is built.
func Relevant(pass *analysis.Pass, cfg Config) bool {
	if cfg.Directives.HasHeavy() {
		return true
	}
	seen := make(map[*types.Func]bool)
	usesIO := false
	for _, obj := range pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		fn = fn.Origin()
		if seen[fn] {
			continue
		}
		seen[fn] = true
		name := fn.FullName()
		if cfg.lookup(name) != nil {
			return true
		}
		if cfg.isContextForm(name) {
			return true
		}
		if _, ok := ioHelpers[name]; ok {
			usesIO = true
		}
		if fn.Pkg() != nil && fn.Pkg() != pass.Pkg && pass.ImportObjectFact(fn, new(Reach)) {
			return true
		}
	}
	if usesIO {
		for _, imp := range pass.Pkg.Imports() {
			if ioSinkPackages[imp.Path()] {
				return true
			}
		}
	}
	return false
}

// ioSinkPackages holds the packages that declare types whose Write
// method is a sink.
var ioSinkPackages = func() map[string]bool {
	pkgs := make(map[string]bool)
	for _, e := range catalog.Entries() {
		recv, method, ok := strings.Cut(strings.TrimPrefix(e.Name, "(*"), ").")
		if ok && method == "Write" {
			pkgs[recv[:strings.LastIndexByte(recv, '.')]] = true
		}
	}
	return pkgs
}()
