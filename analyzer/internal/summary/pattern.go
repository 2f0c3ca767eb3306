package summary

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// A source says where a compiled pattern comes from, and so whether
// compiling it on every request is waste that could have been done
// before the request.
type source int

const (
	// unfixed is anything else: the request, a parameter of the
	// function, the result of a call that is not known to be pure, a
	// value the analysis cannot follow. Not reported.
	unfixed source = iota
	// fromConstant is a constant, or a value built only from
	// constants: compile it once, at package level.
	fromConstant
	// fromConfig is configuration: a package-level variable, a field
	// of a root's receiver or of a value a handler captured when it
	// was made, the environment: compile it once it is loaded.
	fromConfig
)

// join returns the source of a value built from parts of sources a and
// b: unfixed if either is, else fromConfig if either is. fromConstant
// is its identity.
func join(a, b source) source {
	if a == unfixed || b == unfixed {
		return unfixed
	}
	return max(a, b)
}

// pureFuncs are functions whose string result depends only on their
// arguments: a pattern built by them from constants is a constant.
var pureFuncs = map[string]bool{
	"fmt.Sprintf":       true,
	"strings.Join":      true,
	"regexp.QuoteMeta":  true,
	"strings.ToLower":   true,
	"strings.ToUpper":   true,
	"strings.TrimSpace": true,
}

// patternBudget bounds the values a pattern is traced back through, in
// all; what is left beyond it is unfixed.
const patternBudget = 256

// A tracer finds the source of a pattern. The rule, which the catalog's
// FixedPattern documents for users, is deliberately narrow, so that a
// pattern that may come from the request is never reported:
//
//   - constant: an *ssa.Const, and what is built only from constants by
//     +, conversions, φ-nodes, the pureFuncs (fmt.Sprintf and its
//     arguments, strings.Join, …) and local variables stored once, but
//     not in a loop: a pattern grown in a loop has as many parts as
//     the request may say;
//   - configuration: a package-level variable, and a field, element or
//     map entry of one (at a fixed index or key); the receiver of a
//     root that takes parameters, and its fields (a handler method: the
//     request comes in through the parameters, the receiver is the
//     server); what a root function literal captures from a function
//     that is not a root and lets the literal escape (a handler made
//     before any request: s.handler() returning a closure over s,
//     newHandler(cfg)); os.Getenv of a fixed name;
//   - anything else is unfixed: every other parameter (the function's
//     callers decide what it is, and summaries do not resolve it per
//     call site), the receiver of a function that is not a root (a
//     request type's own method), the results of other calls, indexes
//     and keys that are not fixed, variables stored more than once.
//
// Other variables that a function literal captures are traced to what
// the enclosing function stores in them. A part that is unfixed makes
// the whole unfixed; otherwise a part from configuration makes it
// configuration.
type tracer struct {
	root func(fn *ssa.Function) bool
	// on maps the φ-nodes on the way to the number of values that
	// build a string (+, a pure function) on the way when each was
	// met: a loop back to one of them that builds nothing adds nothing
	// (it merges the same values again); one that builds does not end
	// (a pattern grown in a loop, as many times as the request says).
	on    map[*ssa.Phi]int
	built int
	// memo holds the sources found, but for those found while a
	// φ-node on the way stood for its identity (cuts counts those
	// times), which are provisional. (A loop that builds is unfixed,
	// and so, rightly, is all that goes through it.)
	memo   map[ssa.Value]source
	cuts   int
	budget int // values left to visit; at 0, all is unfixed
}

// patternSource returns the source of the pattern, the first argument,
// that call compiles.
func (r *Result) patternSource(call *ssa.CallCommon) source {
	if len(call.Args) == 0 {
		return unfixed
	}
	root := r.env.Root
	if root == nil {
		root = func(*ssa.Function) bool { return false }
	}
	t := &tracer{root: root, on: make(map[*ssa.Phi]int), memo: make(map[ssa.Value]source), budget: patternBudget}
	return t.value(call.Args[0])
}

// value returns the source of v; for a pointer, the source of what it
// points to.
func (t *tracer) value(v ssa.Value) source {
	if s, ok := t.memo[v]; ok {
		return s
	}
	if t.budget == 0 {
		return unfixed
	}
	t.budget--
	cuts := t.cuts
	s := t.eval(v)
	if t.cuts == cuts {
		// Not provisional: no φ-node on the way was taken for its
		// identity.
		t.memo[v] = s
	}
	return s
}

func (t *tracer) eval(v ssa.Value) source {
	switch v := v.(type) {
	case *ssa.Const:
		return fromConstant
	case *ssa.Global:
		return fromConfig
	case *ssa.BinOp:
		if v.Op != token.ADD {
			return unfixed
		}
		t.built++
		defer func() { t.built-- }()
		return join(t.value(v.X), t.value(v.Y))
	case *ssa.ChangeType:
		return t.value(v.X)
	case *ssa.Convert:
		return t.value(v.X)
	case *ssa.MakeInterface:
		return t.value(v.X)
	case *ssa.TypeAssert:
		if !v.CommaOk {
			return t.value(v.X)
		}
	case *ssa.Phi:
		if built, ok := t.on[v]; ok {
			if t.built > built {
				return unfixed
			}
			t.cuts++
			return fromConstant
		}
		t.on[v] = t.built
		defer delete(t.on, v)
		s := fromConstant
		for _, e := range v.Edges {
			if s = join(s, t.value(e)); s == unfixed {
				break
			}
		}
		return s
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return unfixed
		}
		return t.content(v.X)
	case *ssa.FieldAddr:
		return t.value(v.X)
	case *ssa.Field:
		return t.value(v.X)
	case *ssa.IndexAddr:
		return join(t.value(v.X), t.value(v.Index))
	case *ssa.Index:
		return join(t.value(v.X), t.value(v.Index))
	case *ssa.Lookup:
		return join(t.value(v.X), t.value(v.Index))
	case *ssa.Extract:
		if l, ok := v.Tuple.(*ssa.Lookup); ok && v.Index == 0 {
			return t.value(l) // m[k] in v, ok := m[k]
		}
	case *ssa.Slice:
		if a, ok := v.X.(*ssa.Alloc); ok {
			return t.elements(a) // variadic arguments
		}
		return t.value(v.X)
	case *ssa.Call:
		return t.call(v.Common())
	case *ssa.Parameter:
		fn := v.Parent()
		if fn.Signature.Recv() != nil && len(fn.Params) > 1 && v == fn.Params[0] && t.root(fn) {
			return fromConfig
		}
	case *ssa.FreeVar:
		return t.captured(v, t.value)
	}
	return unfixed
}

// content returns the source of what is loaded from addr.
func (t *tracer) content(addr ssa.Value) source {
	switch addr := addr.(type) {
	case *ssa.Alloc:
		// A local variable, or one that closures capture: what is
		// stored in it, if it is stored once and only read.
		if v := storedOnce(addr); v != nil {
			return t.value(v)
		}
		return unfixed
	case *ssa.FreeVar:
		return t.captured(addr, t.content)
	}
	return t.value(addr) // a field, an element, a global
}

// captured returns the source of a closure's free variable v: what the
// enclosing function binds it to, given to then (value for a captured
// value, content for a captured variable). A root function literal
// that escapes the function that makes it, when that function is not a
// root, is a handler made before any request: what it captures is
// configuration.
func (t *tracer) captured(v *ssa.FreeVar, then func(ssa.Value) source) source {
	closure := v.Parent()
	parent := closure.Parent()
	i := slices.Index(closure.FreeVars, v)
	if parent == nil || i < 0 {
		return unfixed
	}
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != closure || i >= len(mc.Bindings) {
				continue
			}
			if escapes(mc) && t.root(closure) && !t.root(parent) {
				return fromConfig
			}
			return then(mc.Bindings[i])
		}
	}
	return unfixed
}

// elements returns the source of the elements stored in a, an array
// that a variadic call's arguments are built in: each stored once, at
// a constant index.
func (t *tracer) elements(a *ssa.Alloc) source {
	s := fromConstant
	for _, ref := range *a.Referrers() {
		switch ref := ref.(type) {
		case *ssa.IndexAddr:
			if _, ok := ref.Index.(*ssa.Const); !ok {
				return unfixed
			}
			for _, use := range *ref.Referrers() {
				st, ok := use.(*ssa.Store)
				if !ok || st.Addr != ref {
					return unfixed
				}
				s = join(s, t.value(st.Val))
			}
		case *ssa.Slice, *ssa.DebugRef:
		default:
			return unfixed
		}
	}
	return s
}

// call returns the source of a call's result: that of its arguments
// for a pure function, configuration for os.Getenv of a fixed name.
func (t *tracer) call(call *ssa.CallCommon) source {
	name := calleeName(call)
	var s source
	switch {
	case pureFuncs[name]:
		s = fromConstant
		t.built++
		defer func() { t.built-- }()
	case name == "os.Getenv":
		s = fromConfig
	default:
		return unfixed
	}
	for _, arg := range call.Args {
		if s = join(s, t.value(arg)); s == unfixed {
			break
		}
	}
	return s
}

// storedOnce returns the value stored in a variable that is stored to
// exactly once, and otherwise only read: loaded, or captured by
// closures that only read it.
func storedOnce(alloc *ssa.Alloc) ssa.Value {
	var stored ssa.Value
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			if stored != nil {
				return nil
			}
			stored = st.Val
			continue
		}
		if !reads(ref, alloc) {
			return nil
		}
	}
	return stored
}

// reads reports whether instr, a use of the address ptr, only reads
// through it: a load, the address of a field or element that is only
// read, or a closure that captures ptr and only reads it.
func reads(instr ssa.Instruction, ptr ssa.Value) bool {
	switch instr := instr.(type) {
	case *ssa.UnOp:
		return instr.Op == token.MUL
	case *ssa.DebugRef:
		return true
	case *ssa.FieldAddr:
		return onlyRead(instr)
	case *ssa.IndexAddr:
		return onlyRead(instr)
	case *ssa.MakeClosure:
		fn, ok := instr.Fn.(*ssa.Function)
		if !ok {
			return false
		}
		for i, b := range instr.Bindings {
			if b == ptr && (i >= len(fn.FreeVars) || !onlyRead(fn.FreeVars[i])) {
				return false
			}
		}
		return true
	}
	return false
}

// onlyRead reports whether every use of the address ptr only reads
// through it.
func onlyRead(ptr ssa.Value) bool {
	refs := ptr.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		if !reads(ref, ptr) {
			return false
		}
	}
	return true
}
