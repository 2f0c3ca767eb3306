package program

import (
	"cmp"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// maxFlowDepth bounds how many calls and returns flowsInto follows a
// function value through.
const maxFlowDepth = 4

// A dispatcher decides which callees of the call graph a dynamic call
// may reach: the call graph merges what one field, or all slices of a
// type, hold across the program, and some of its edges cannot happen.
type dispatcher struct {
	// modules maps package paths to module paths; main holds the main
	// modules; doubles holds the packages of test doubles.
	modules map[string]string
	main    map[string]bool
	doubles map[string]bool
	// request holds the functions that a request root may run.
	request map[*ssa.Function]bool
	// What the functions of the call graph make.
	*made
	// callers maps each function to the calls of it.
	callers map[*ssa.Function][]ssa.CallInstruction
	// passed memoises passedInto.
	passed map[passage]bool
}

// A passage is a function and a module its values may be passed into.
type passage struct {
	fn  *ssa.Function
	mod string
}

// A use is an instruction that makes, or takes, a function's value.
type use struct {
	value ssa.Value
	instr ssa.Instruction
}

// made is what some functions make: uses maps each function to the
// instructions that make its value (closures, and functions and method
// wrappers used otherwise than called); makers maps each concrete type
// to the functions that convert it to an interface.
type made struct {
	uses   map[*ssa.Function][]use
	makers typeutil.Map // types.Type → []*ssa.Function
}

// makes returns what bodies make.
func makes(bodies map[*ssa.Function]bool) *made {
	m := &made{uses: make(map[*ssa.Function][]use)}
	var space [32]*ssa.Value
	for fn := range bodies {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.MakeClosure:
					f := instr.Fn.(*ssa.Function)
					m.uses[f] = append(m.uses[f], use{instr, nil})
					continue
				case *ssa.MakeInterface:
					fns, _ := m.makers.At(instr.X.Type()).([]*ssa.Function)
					if !slices.Contains(fns, fn) {
						m.makers.Set(instr.X.Type(), append(fns, fn))
					}
				}
				rands := instr.Operands(space[:0])
				if _, ok := instr.(ssa.CallInstruction); ok {
					rands = rands[1:]
				}
				for _, op := range rands {
					if f, ok := (*op).(*ssa.Function); ok {
						m.uses[f] = append(m.uses[f], use{f, instr})
					}
				}
			}
		}
	}
	return m
}

// newDispatcher indexes bodies, the functions of the call graph g.
func newDispatcher(bodies map[*ssa.Function]bool, g *callgraph.Graph, modules map[string]string, main, doubles map[string]bool) *dispatcher {
	d := &dispatcher{
		modules: modules,
		main:    main,
		doubles: doubles,
		made:    makes(bodies),
		callers: make(map[*ssa.Function][]ssa.CallInstruction),
		passed:  make(map[passage]bool),
	}
	for _, node := range g.Nodes {
		for _, e := range node.In {
			if e.Site != nil && e.Site.Common().StaticCallee() == e.Callee.Func {
				d.callers[node.Func] = append(d.callers[node.Func], e.Site)
			}
		}
	}
	return d
}

// callees returns the callees of g's edges from calls that SSA cannot
// resolve statically that the dispatcher admits, by call, each list
// sorted for determinism.
//
// A dynamic call in the main modules may reach whatever the call graph
// says, but for test doubles. A dynamic call in a dependency may reach:
//
//   - a method of a type of the main modules (an implementation the
//     program gives it), as may a function value of the main modules
//     that is passed into the dependency: the call graph merges all
//     slices of one type, so that a library's private []func() would
//     otherwise "call" every func() of the program;
//   - one function of a dependency, its own or another's whose value
//     is passed into it: a handler that a library builds in a
//     sync.Once, a pool's constructor. When the call graph gives it
//     several, made only at start-up or all on a request's path, the
//     call is not followed: the graph merges what one field holds
//     across all the objects of its type, so that gocql's connections,
//     whose error handler is the pool for pooled connections and the
//     control connection for the control connection, would all seem
//     to resolve names. When some are made on a request's path and
//     others only at start-up, only the former count: a handler that
//     parses a signed token makes the verifier that its Claims call
//     runs, not the decrypter that a constructor stores in the same
//     field at start-up.
//
// A dynamic call from a dependency to another dependency's methods is
// not followed, nor is a connection pool's call of its constructor (see
// poolConstructors).
func (d *dispatcher) callees(g *callgraph.Graph) map[ssa.CallInstruction][]*ssa.Function {
	index := make(map[ssa.CallInstruction][]*ssa.Function)
	for _, node := range g.Nodes {
		for _, e := range node.Out {
			if e.Site == nil || e.Site.Common().StaticCallee() != nil || opensPooled(e.Site) || !d.admits(e.Site, node.Func, e.Callee.Func) {
				continue
			}
			if !slices.Contains(index[e.Site], e.Callee.Func) {
				index[e.Site] = append(index[e.Site], e.Callee.Func)
			}
		}
	}
	for site, fns := range index {
		index[site] = d.soleDependency(site, d.madeOnRequest(site, fns))
		slices.SortFunc(index[site], byPosition)
	}
	return index
}

// byPosition orders functions by position, and functions at one
// position (wrappers, instances) by name. It names them only then: a
// call with thousands of callees (an error's Error method) would
// otherwise spend seconds printing types.
func byPosition(a, b *ssa.Function) int {
	if c := cmp.Compare(a.Pos(), b.Pos()); c != 0 {
		return c
	}
	return strings.Compare(a.String(), b.String())
}

// admits reports whether the dynamic call site in caller may reach
// callee (see callees).
func (d *dispatcher) admits(site ssa.CallInstruction, caller, callee *ssa.Function) bool {
	if d.doubles[pkgPath(callee)] {
		return false
	}
	from, to := d.module(caller), d.module(callee)
	switch {
	case d.main[from]:
		return true
	case !site.Common().IsInvoke() && from != to:
		return d.passedInto(callee, from)
	default:
		return d.main[to] || from == to
	}
}

// poolConstructors are the fields through which a connection pool
// calls the function that opens a new connection, by package path, type
// and field. Opening one (PostgreSQL's SCRAM key derivation, a TLS
// handshake) is set-up that the pool shares out over the connection's
// life: a request pays for it only when no idle connection is left, and
// how often depends on the pool's configuration (a minimum of open
// connections, idle timeouts), not on the handler; offload is not the
// remedy. Opening a connection per request, without a pool, is still
// reported.
var poolConstructors = map[string]bool{
	"github.com/jackc/puddle.Pool.constructor":    true, // pgx v4's pgxpool
	"github.com/jackc/puddle/v2.Pool.constructor": true, // pgx v5's pgxpool
}

// opensPooled reports whether site calls a function value loaded from
// a field of poolConstructors.
func opensPooled(site ssa.CallInstruction) bool {
	load, ok := site.Common().Value.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	field, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	named := namedOf(field.X.Type())
	if named == nil || named.Obj().Pkg() == nil {
		return false
	}
	st, ok := named.Underlying().(*types.Struct)
	return ok && poolConstructors[named.Obj().Pkg().Path()+"."+named.Obj().Name()+"."+st.Field(field.Field).Name()]
}

// madeOnRequest keeps, of the callees of a dynamic call in a
// dependency that belong to the dependency, those whose values or types
// a request root makes, when it makes some but not all.
func (d *dispatcher) madeOnRequest(site ssa.CallInstruction, fns []*ssa.Function) []*ssa.Function {
	from := d.module(site.Parent())
	if d.main[from] {
		return fns
	}
	var own, onRequest int
	made := make([]bool, len(fns))
	for i, fn := range fns {
		if d.module(fn) != from {
			continue
		}
		own++
		if made[i] = slices.ContainsFunc(d.makersOf(site, fn), func(f *ssa.Function) bool { return d.request[f] }); made[i] {
			onRequest++
		}
	}
	if onRequest == 0 || onRequest == own {
		return fns
	}
	var kept []*ssa.Function
	for i, fn := range fns {
		if made[i] || d.module(fn) != from {
			kept = append(kept, fn)
		}
	}
	return kept
}

// soleDependency keeps, of the callees of a dynamic call in a
// dependency, those of dependencies only if there is one.
func (d *dispatcher) soleDependency(site ssa.CallInstruction, fns []*ssa.Function) []*ssa.Function {
	if d.main[d.module(site.Parent())] {
		return fns
	}
	ofMain := func(fn *ssa.Function) bool { return d.main[d.module(fn)] }
	if len(fns)-countFunc(fns, ofMain) <= 1 {
		return fns
	}
	return slices.DeleteFunc(fns, func(fn *ssa.Function) bool { return !ofMain(fn) })
}

// countFunc returns how many elements of s satisfy f.
func countFunc[S ~[]E, E any](s S, f func(E) bool) int {
	n := 0
	for _, e := range s {
		if f(e) {
			n++
		}
	}
	return n
}

// makersOf returns the functions that make what a dynamic call reaches
// callee through: callee's value for a call of a function value, a
// value of its receiver's type for an interface method call.
func (d *dispatcher) makersOf(site ssa.CallInstruction, callee *ssa.Function) []*ssa.Function {
	var makers []*ssa.Function
	if site.Common().IsInvoke() {
		if recv := callee.Signature.Recv(); recv != nil {
			makers, _ = d.makers.At(recv.Type()).([]*ssa.Function)
		}
		return makers
	}
	for _, u := range d.uses[callee] {
		if u.instr != nil {
			makers = append(makers, u.instr.Parent())
		} else if mc, ok := u.value.(*ssa.MakeClosure); ok {
			makers = append(makers, mc.Parent())
		}
	}
	return makers
}

// passedInto reports whether some value of fn is passed to, or stored
// in a value of, module mod.
func (d *dispatcher) passedInto(fn *ssa.Function, mod string) bool {
	k := passage{fn, mod}
	if passed, ok := d.passed[k]; ok {
		return passed
	}
	seen := make(map[ssa.Value]int)
	passed := slices.ContainsFunc(d.uses[fn], func(u use) bool {
		if u.instr == nil {
			return d.flowsInto(u.value, mod, maxFlowDepth, seen)
		}
		return d.reaches(u.value, u.instr, mod, maxFlowDepth, seen)
	})
	d.passed[k] = passed
	return passed
}

// flowsInto reports whether v flows into module mod (see passedInto),
// through at most depth calls and returns.
func (d *dispatcher) flowsInto(v ssa.Value, mod string, depth int, seen map[ssa.Value]int) bool {
	// A value already followed with as many calls and returns left
	// or more is not followed again; whatever the order of the search,
	// the answer is whether some path fits in the bound.
	if left, ok := seen[v]; ok && left >= depth {
		return false
	}
	seen[v] = depth
	if g, ok := v.(*ssa.Global); ok {
		// A package-level variable: the dependency's, or not.
		return g.Pkg != nil && d.modulePath(g.Pkg.Pkg.Path()) == mod
	}
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		if d.reaches(v, ref, mod, depth, seen) {
			return true
		}
	}
	return false
}

// reaches reports whether v, used by instr, flows into module mod.
func (d *dispatcher) reaches(v ssa.Value, instr ssa.Instruction, mod string, depth int, seen map[ssa.Value]int) bool {
	switch instr := instr.(type) {
	case ssa.CallInstruction:
		call := instr.Common()
		if call.IsInvoke() {
			return call.Method.Pkg() != nil && d.modulePath(call.Method.Pkg().Path()) == mod
		}
		callee := call.StaticCallee()
		if callee == nil {
			if b, ok := call.Value.(*ssa.Builtin); ok && b.Name() == "append" {
				if res, ok := instr.(ssa.Value); ok {
					return d.flowsInto(res, mod, depth, seen)
				}
			}
			return false
		}
		if d.module(callee) == mod {
			return true
		}
		i := slices.Index(call.Args, v)
		if i < 0 || depth == 0 || len(callee.Params) != len(call.Args) {
			return false
		}
		return d.flowsInto(callee.Params[i], mod, depth-1, seen)
	case *ssa.UnOp:
		if instr.Op == token.MUL && instr.X == v {
			return d.flowsInto(instr, mod, depth, seen)
		}
	case *ssa.MakeInterface, *ssa.ChangeType, *ssa.ChangeInterface, *ssa.Convert, *ssa.Phi, *ssa.Slice:
		return d.flowsInto(instr.(ssa.Value), mod, depth, seen)
	case *ssa.Store:
		if instr.Val != v {
			return false
		}
		return d.storedInto(instr.Addr, mod, depth, seen)
	case *ssa.MapUpdate:
		return instr.Value == v && d.flowsInto(instr.Map, mod, depth, seen)
	case *ssa.Send:
		return instr.X == v && d.flowsInto(instr.Chan, mod, depth, seen)
	case *ssa.Return:
		if depth == 0 {
			return false
		}
		for _, call := range d.callers[instr.Parent()] {
			if res, ok := call.(ssa.Value); ok && d.flowsInto(res, mod, depth-1, seen) {
				return true
			}
		}
	}
	return false
}

// storedInto reports whether a value stored at addr flows into module
// mod: addr is a field of one of its types or one of its package-level
// variables, or a field of a value, a local variable, or an element of
// an array or slice, that flows there.
func (d *dispatcher) storedInto(addr ssa.Value, mod string, depth int, seen map[ssa.Value]int) bool {
	switch addr := addr.(type) {
	case *ssa.FieldAddr:
		if named := namedOf(addr.X.Type()); named != nil && named.Obj().Pkg() != nil && d.modulePath(named.Obj().Pkg().Path()) == mod {
			return true
		}
		return d.flowsInto(addr.X, mod, depth, seen)
	case *ssa.IndexAddr:
		return d.flowsInto(addr.X, mod, depth, seen)
	case *ssa.Alloc, *ssa.Global:
		// A variable: what loads it, or the dependency's own.
		return d.flowsInto(addr, mod, depth, seen)
	}
	return false
}

// module returns the module of fn's package.
func (d *dispatcher) module(fn *ssa.Function) string { return d.modules[pkgPath(fn)] }

// modulePath returns the module of the package path.
func (d *dispatcher) modulePath(path string) string { return d.modules[path] }

// namedOf returns the named type of t, through a pointer.
func namedOf(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}
