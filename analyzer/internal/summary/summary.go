// Package summary computes, for every function of a package, the sinks
// that a call of it can reach and the shortest chain of calls to each,
// and exports the result as a [Reach] fact so that callers in other
// packages see it.
//
// Summaries are built bottom-up over the static call graph of the
// package: known sinks are the base case, a callee in another package
// contributes its fact, and strongly connected components (recursion)
// are solved together until nothing changes. Calls whose callee is
// known statically are followed: direct calls, method calls on concrete
// types, calls of function literals and method values, and generic
// instantiations. So are calls of a parameter, resolved at each call
// site with the function value passed there (summaries record which
// parameters a function calls). Other calls through interfaces and
// function values are followed only when the Env resolves them
// (whole-program mode); per-package mode does not guess.
//
// Dispatch by reflection is followed in both modes when the type is
// known: a call of (reflect.Value).Call or CallSlice on
// reflect.ValueOf(x).MethodByName(name) or .Method(i), where x has a
// concrete type, calls each exported method of that type that
// reflection can find (only the one named when the name is a
// constant), as a dynamic call. A value that is already an interface
// is not resolved, even when a call graph knows what flows into it.
//
// Not followed either, because the work they start is not on the
// request's path: go statements that the caller does not wait for (of
// a goroutine that the caller waits for only in selects that also
// watch a context, only CPU-heavy work is followed), and
// functions handed to sync.Once, offload or any function whose body is
// not summarised here (which decides when, and whether, to call them).
//
// Sleeps and timer waits are sinks only where nothing else bounds them:
// a timer in a select with another case is not one, nor is a wait in a
// loop whose every iteration checks a context for cancellation
// (inContextLoop, in loop.go). A path to a timer wait records whether
// the wait was a select of timers only, so that its message can say so.
package summary

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"

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
	env   Env
	cfg   Config
	funcs []*ssa.Function
	nodes map[*ssa.Function]*node
	heads map[token.Pos]span // see Span
	// soleCases holds the positions of the receives that are the only
	// case of a select, which SSA turns into plain receives.
	soleCases map[token.Pos]bool

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

	// quiet is what the function reaches without it being reported
	// (see Quiet): through the sites that directives ignore, and the
	// functions it runs with offload.
	quiet        []Quiet
	ignoredSites []suppression
	offloads     []offloaded

	// waits says the function waits on something that only its own
	// context cancels (see ownContext), itself (waitsHere) or through a
	// callee it passes that context to: given context.Background(),
	// the wait is cancellable, but not by the request.
	waits, waitsHere bool

	// callsParam records which of the function's parameters it calls,
	// itself or through a callee it passes them to; calledParams those
	// it calls itself.
	callsParam, calledParams []bool

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
	// Callee is the function called, if the call is static; nil for a
	// dynamic call or a receive. For dispatch by reflection, it is
	// (reflect.Value).Call or CallSlice.
	Callee *ssa.Function
	// Origin, for a sink with a condition, is the position of the call
	// that built its command or request without a context.
	Origin token.Pos

	head    token.Position // where the call's head starts
	headPos token.Pos
	// dispatch says the site is a dynamic call that can also reach
	// request roots: a router's or a middleware chain's dispatch.
	dispatch bool
	targets  []target // callees summarised here
	direct   []Path   // paths that do not go through targets
	// funcArgs are the function values the call passes to a static,
	// local callee: the callee may call them back.
	funcArgs []funcArg
	// paramArgs maps the callee's parameters to the caller's
	// parameters passed to them, -1 for other arguments.
	paramArgs []int
}

// A funcArg is a function value passed to a callee.
type funcArg struct {
	param int // the callee's parameter
	node  *node
	name  string
}

// A target is a callee of a site that is summarised here.
type target struct {
	node        *node
	name        string // its display name
	transparent bool   // a wrapper, with no syntax: name what it calls
	dynamic     bool   // called through an interface, function value or reflection
	// trusted says the target is a dependency given a context: what it
	// blocks on is its own contract with that context, not reported.
	trusted bool
	// given is "context.Background()" or "context.TODO()" when the call
	// gives the target one. A dependency given one is trusted too: what
	// it blocks on is reported once, as that context at this call,
	// whose fix is to pass the request's. So is a function that waits
	// on its context (see node.waits). full is the target's full name,
	// the sink of that path.
	given      string
	dependency bool
	full       string
	// passesContext says the call passes the caller's own context (see
	// ownContext) as the target's: the target's waits on its context
	// are the caller's.
	passesContext bool
}

// blocks reports whether any of paths is blocking.
func blocks(paths []Path) bool {
	return slices.ContainsFunc(paths, func(p Path) bool { return p.Category == catalog.Blocking })
}

// backgroundPath returns the path that reports the context.Background()
// or TODO() that the site gives its target t.
func (s *Site) backgroundPath(t target) Path {
	return Path{Sink: t.full, Category: catalog.BackgroundContext, Given: t.given, Calls: []Call{s.call(t.name, t.dynamic)}, Dynamic: b2i(t.dynamic)}
}

// givenBackground reports whether the site gives t a background context
// that t would wait on: t is a dependency whose paths block, or a
// function that waits on its context.
func (t target) givenBackground() bool {
	return t.given != "" && (t.dependency && blocks(t.node.paths) || t.node.waits)
}

// Analyze summarises funcs and everything they call that env says is
// local.
func Analyze(env Env, funcs []*ssa.Function, cfg Config) *Result {
	r := &Result{env: env, cfg: cfg, funcs: funcs, nodes: make(map[*ssa.Function]*node)}
	if env.Syntax != nil {
		r.heads, r.soleCases = env.Syntax.heads, env.Syntax.soleCases
	}
	for _, fn := range funcs {
		if n := r.node(fn); n.index == 0 {
			r.visit(n)
		}
	}
	return r
}

// A span is a range of source text.
type span struct{ start, end token.Pos }

// Syntax holds what summaries need of the source that SSA does not
// keep, read from files by [Syntax.Read], so that the files need not be
// kept once read. The zero Syntax has read nothing.
type Syntax struct {
	// heads maps the position that SSA gives a call (its parenthesis,
	// or the go or defer keyword) to the span of the call's head: the
	// called expression, or its selector in a chain such as
	// exec.Command(name).Run().
	heads map[token.Pos]span
	// soleCases holds the position of each receive that is the only
	// case of a select: SSA makes a plain receive of it.
	soleCases map[token.Pos]bool
}

// ReadSyntax returns the Syntax of files.
func ReadSyntax(files []*ast.File) *Syntax {
	s := new(Syntax)
	s.Read(files)
	return s
}

// Read adds what s holds of files.
func (s *Syntax) Read(files []*ast.File) {
	if s.heads == nil {
		s.heads = make(map[token.Pos]span)
		s.soleCases = make(map[token.Pos]bool)
	}
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
				s.heads[n.Lparen] = span{start, n.Lparen}
			case *ast.GoStmt:
				s.heads[n.Go] = span{n.Go, n.Call.Lparen}
			case *ast.DeferStmt:
				s.heads[n.Defer] = span{n.Defer, n.Call.Lparen}
			case *ast.SelectStmt:
				if len(n.Body.List) == 1 {
					if recv := receiveOf(n.Body.List[0].(*ast.CommClause).Comm); recv != nil {
						s.soleCases[recv.OpPos] = true
					}
				}
			}
			return true
		})
	}
}

// receiveOf returns the receive of a select case's statement: <-ch,
// v := <-ch or v, ok = <-ch; nil for a send or a default case.
func receiveOf(comm ast.Stmt) *ast.UnaryExpr {
	var x ast.Expr
	switch comm := comm.(type) {
	case *ast.ExprStmt:
		x = comm.X
	case *ast.AssignStmt:
		if len(comm.Rhs) == 1 {
			x = comm.Rhs[0]
		}
	}
	recv, _ := ast.Unparen(x).(*ast.UnaryExpr)
	if recv == nil || recv.Op != token.ARROW {
		return nil
	}
	return recv
}

// Span returns the span of source that a report at a site's position
// should cover: a call's head, or just pos.
func (r *Result) Span(pos token.Pos) (start, end token.Pos) {
	if s, ok := r.heads[pos]; ok {
		return s.start, s.end
	}
	return pos, pos
}

// Blocks reports whether the function declared as obj reaches a
// blocking sink: by its summary if it is summarised here (it is then
// summarised now if nothing reached it before, as in whole-program
// mode), else by its fact.
func (r *Result) Blocks(obj *types.Func) bool {
	if len(r.funcs) == 0 {
		return false
	}
	fn := r.funcs[0].Prog.FuncValue(obj)
	if fn == nil {
		return false // an interface method: its implementations decide
	}
	if len(fn.Blocks) > 0 && r.env.Local(fn) {
		n := r.node(fn)
		if n.index == 0 {
			r.visit(n)
		}
		return blocks(n.paths)
	}
	if r.env.Fact != nil {
		if reach, ok := r.env.Fact(obj); ok {
			return blocks(reach.Paths)
		}
	}
	return false
}

// OriginAt returns the Origin of the site, in any function summarised
// here, whose call's head is at head: where the command or request
// that a helper's call runs was built. It is token.NoPos if there is no
// such site, or if sites of instances of one generic function disagree.
func (r *Result) OriginAt(head token.Pos) token.Pos {
	origin, found := token.NoPos, false
	for _, n := range r.nodes {
		for _, s := range n.sites {
			if s.headPos != head || !head.IsValid() {
				continue
			}
			if found && s.Origin != origin {
				return token.NoPos
			}
			origin, found = s.Origin, true
		}
	}
	return origin
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
		if s.reaches() {
			sites = append(sites, s)
		}
	}
	return sites
}

// UnusedIgnores returns the ignore directives in the package that
// suppress nothing: the call on their line reaches no sink, or there is
// no such call, or nothing is reached through the function they
// annotate.
func (r *Result) UnusedIgnores() []*directive.Directive {
	used := make(map[*directive.Directive]bool)
	reaches := func(s *Site) bool {
		for _, t := range s.targets {
			if t.node.index == 0 {
				r.visit(t.node) // not on any path yet: summarise it now
			}
		}
		return s.reaches()
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

// ExportFacts exports a Reach fact for each function of the package of
// pass that other packages can call by name and that reaches a sink.
func (r *Result) ExportFacts(pass *analysis.Pass) {
	if pass.Pkg.Name() == "main" {
		return
	}
	dependency := pass.Module != nil && pass.Module.Version != ""
	for _, fn := range r.funcs {
		if fn.Parent() != nil {
			continue
		}
		obj := object(fn)
		if obj == nil || obj.Pkg() != pass.Pkg || !obj.Exported() {
			continue
		}
		n := r.nodes[fn]
		// Only the application's waits are exported: a dependency
		// given a background context is reported when it blocks.
		waits := n.waits && !dependency
		if len(n.paths) > 0 || waits {
			pass.ExportObjectFact(obj, &Reach{Paths: n.paths, Dependency: dependency, Waits: waits})
		}
	}
}

// Paths returns the best path from the site to each sink it reaches,
// most severe and shortest first; each begins with the call at the
// site. A sink reached through several callees (the implementations of
// an interface, the methods that reflection dispatches to) has one
// path, as in a summary.
func (s *Site) Paths() []Path {
	paths := slices.Clone(s.direct)
	for _, t := range s.targets {
		if t.givenBackground() {
			paths = append(paths, s.backgroundPath(t))
		}
		for _, p := range t.node.paths {
			if !t.trusts(p) {
				paths = append(paths, s.through(t, p))
			}
		}
		for _, a := range s.funcArgs {
			if !t.calls(a.param) {
				continue
			}
			// The callee calls the function value back: the path goes
			// through the callee to the value.
			for _, p := range a.node.paths {
				if !t.trusts(p) {
					paths = append(paths, s.through(t, p.prepend(s.call(a.name, true))))
				}
			}
		}
	}
	slices.SortFunc(paths, compare)
	if len(paths) < 2 {
		return paths
	}
	seen := make(map[string]bool, len(paths))
	return slices.DeleteFunc(paths, func(p Path) bool {
		dup := seen[p.Sink]
		seen[p.Sink] = true
		return dup
	})
}

// reaches reports whether the site reaches any sink.
func (s *Site) reaches() bool {
	if len(s.direct) > 0 {
		return true
	}
	for _, t := range s.targets {
		if t.givenBackground() {
			return true
		}
		for _, p := range t.node.paths {
			if !t.trusts(p) {
				return true
			}
		}
		for _, a := range s.funcArgs {
			if t.calls(a.param) && len(a.node.paths) > 0 {
				return true
			}
		}
	}
	return false
}

// calls reports whether the target calls its parameter i.
func (t target) calls(i int) bool {
	return !t.dynamic && i < len(t.node.callsParam) && t.node.callsParam[i]
}

// trusts reports whether the target's contract with its context covers
// p: a blocking path inside a dependency that was given a context.
func (t target) trusts(p Path) bool {
	return (t.trusted || t.dependency && t.given != "") && p.Category != catalog.CPUHeavy
}

// through returns p, a path from the target t, as a path from the site.
func (s *Site) through(t target, p Path) Path {
	if t.dynamic {
		p.Dynamic++
	}
	name := t.name
	if t.transparent && len(p.Calls) > 0 {
		name = p.Calls[0].Callee
	}
	call := s.call(name, t.dynamic)
	call.Dispatch = s.dispatch && t.dynamic
	if t.transparent && len(p.Calls) > 0 {
		p.Calls = append([]Call{call}, p.Calls[1:]...)
		return p
	}
	return p.prepend(call)
}

// call returns the call at the site to the function called name.
func (s *Site) call(name string, dynamic bool) Call {
	return Call{Callee: name, File: s.head.Filename, Line: s.head.Line, Col: s.head.Column, Dynamic: dynamic, pos: s.headPos}
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
	n.calledParams = make([]bool, len(n.fn.Params))
	n.callsParam = n.calledParams
	if n.self == nil {
		// An ignored function's sites are computed too: they tell
		// whether its directive suppresses anything.
		n.sites = r.sitesOf(n.fn)
	}
	for _, s := range n.sites {
		edges := make([]*node, 0, len(s.targets)+len(s.funcArgs))
		for _, t := range s.targets {
			edges = append(edges, t.node)
		}
		for _, a := range s.funcArgs {
			edges = append(edges, a.node)
		}
		r.edges(n, edges)
	}
	// What the function reaches quietly, through ignored sites and
	// offload, is summarised too, for the request-path map.
	r.edges(n, n.quietEdges())
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

// edges visits the callees of n in edges that are not visited yet.
func (r *Result) edges(n *node, edges []*node) {
	for _, c := range edges {
		switch {
		case c.index == 0:
			r.visit(c)
			n.lowlink = min(n.lowlink, c.lowlink)
		case c.onStack:
			n.lowlink = min(n.lowlink, c.index)
		}
	}
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
			if w := n.waitsOnContext(); w != n.waits {
				n.waits = w
				changed = true
			}
			if calls := r.paramsCalled(n); !slices.Equal(calls, n.callsParam) {
				n.callsParam = calls
				changed = true
			}
			if quiet := n.quietPaths(); !slices.EqualFunc(quiet, n.quiet, equalQuiet) {
				n.quiet = quiet
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// paramsCalled returns which parameters n's function calls: itself, or
// by passing them to a callee that calls them.
func (r *Result) paramsCalled(n *node) []bool {
	calls := slices.Clone(n.calledParams)
	for _, s := range n.sites {
		for i, from := range s.paramArgs {
			if from < 0 {
				continue
			}
			for _, t := range s.targets {
				if t.calls(i) {
					calls[from] = true
				}
			}
		}
	}
	return calls
}

func (r *Result) summarise(n *node) []Path {
	if n.self != nil {
		return []Path{*n.self}
	}
	if n.ignored != nil {
		return nil
	}
	return bestPaths(n.sites)
}

// bestPaths returns the best path to each sink that sites reach, at
// most maxPaths of them, most severe and shortest first.
func bestPaths(sites []*Site) []Path {
	best := make(map[string]Path)
	for _, s := range sites {
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
