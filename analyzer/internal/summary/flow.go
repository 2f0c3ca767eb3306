package summary

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// origin follows v back through local variables, type changes and
// agreeing φ-nodes to the value it was computed from. It stops at
// anything it cannot see through, such as a variable that is stored to
// more than once or shared with a closure, and then returns that value:
// callers only draw conclusions from origins they recognise.
func origin(v ssa.Value) ssa.Value { return originWithin(v, 16) }

// originWithin is origin that gives up after depth steps, so that
// cycles of φ-nodes end.
func originWithin(v ssa.Value, depth int) ssa.Value {
	for ; depth > 0; depth-- {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return v
			}
			alloc, ok := x.X.(*ssa.Alloc)
			if !ok {
				return v
			}
			stored := soleStore(alloc)
			if stored == nil {
				return v
			}
			v = stored
		case *ssa.Phi:
			var first ssa.Value
			for _, e := range x.Edges {
				if e == x {
					continue
				}
				o := originWithin(e, depth-1)
				if first == nil {
					first = o
				} else if o != first {
					return v
				}
			}
			if first == nil {
				return v
			}
			return first
		default:
			return v
		}
	}
	return v
}

// soleStore returns the value stored to a local variable that is
// stored exactly once and otherwise only loaded.
func soleStore(alloc *ssa.Alloc) ssa.Value {
	var stored ssa.Value
	for _, ref := range *alloc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr != alloc || stored != nil {
				return nil
			}
			stored = ref.Val
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return nil
			}
		case *ssa.DebugRef:
		default:
			return nil
		}
	}
	return stored
}

// calleeName returns the full name of the function that call invokes
// statically, or "".
func calleeName(call *ssa.CallCommon) string {
	if call.IsInvoke() {
		return ""
	}
	fn := call.StaticCallee()
	if fn == nil {
		return ""
	}
	if obj := object(fn); obj != nil {
		return obj.FullName()
	}
	return ""
}

// resultOf reports whether v is the value returned by a static call to
// the function with the given full name, or, for a function with
// several results, its first result; and returns that call's position.
func resultOf(v ssa.Value, name string) (token.Pos, bool) {
	if call := callOf(v, name); call != nil {
		return call.Pos(), true
	}
	return token.NoPos, false
}

// callOf returns the static call to the function with the given full
// name whose value, or first result, v is; nil if there is none.
func callOf(v ssa.Value, name string) *ssa.Call {
	v = origin(v)
	if ext, ok := v.(*ssa.Extract); ok && ext.Index == 0 {
		v = ext.Tuple
	}
	if call, ok := v.(*ssa.Call); ok && calleeName(call.Common()) == name {
		return call
	}
	return nil
}

// isResultOf is resultOf without the position.
func isResultOf(v ssa.Value, name string) bool {
	_, ok := resultOf(v, name)
	return ok
}

// variable returns the local variable that v is loaded from, or v:
// two uses of one variable, or of one value, give the same result.
func variable(v ssa.Value) ssa.Value {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if alloc, ok := load.X.(*ssa.Alloc); ok {
			return alloc
		}
	}
	return v
}

// isContext reports whether t is context.Context.
func isContext(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "context" && named.Obj().Name() == "Context"
}

// hasContext reports whether fn has a context.Context at hand: a
// parameter, or a variable captured from an enclosing function.
func hasContext(fn *ssa.Function) bool {
	for _, p := range fn.Params {
		if isContext(p.Type()) {
			return true
		}
	}
	for _, fv := range fn.FreeVars {
		t := fv.Type()
		if ptr, ok := t.Underlying().(*types.Pointer); ok {
			t = ptr.Elem()
		}
		if isContext(t) {
			return true
		}
	}
	return false
}

// contextArg returns the first context.Context argument of call, or
// nil if it has none.
func contextArg(call *ssa.CallCommon) ssa.Value {
	for _, arg := range call.Args {
		if isContext(arg.Type()) {
			return arg
		}
	}
	return nil
}

// givenBackground returns "context.Background()" or "context.TODO()"
// when the first context.Context argument of call is one of them, and
// "" otherwise.
func givenBackground(call *ssa.CallCommon) string {
	arg := contextArg(call)
	if arg == nil {
		return ""
	}
	for _, name := range []string{"context.Background", "context.TODO"} {
		if isResultOf(arg, name) {
			return name + "()"
		}
	}
	return ""
}

// givenContext reports whether call passes a context.Context that is
// not context.Background() or context.TODO(): a context that can be
// cancelled, presumably the request's.
func givenContext(call *ssa.CallCommon) bool {
	return contextArg(call) != nil && givenBackground(call) == ""
}

// carriesContext reports whether call is given a cancellable context,
// as an argument or in its receiver: a receiver made by a chain of
// calls one of which was given one, as query builders carry the
// request's context (gorm's db.WithContext(ctx).Where(…).First(…), pop's
// c.WithContext(ctx).Where(…).First(…)).
func carriesContext(call *ssa.CallCommon) bool {
	return callCarriesContext(call, maxReceiverChain, make(map[*ssa.Phi]bool))
}

func callCarriesContext(call *ssa.CallCommon, depth int, seen map[*ssa.Phi]bool) bool {
	if givenContext(call) {
		return true
	}
	switch {
	case call.IsInvoke():
		return madeWithContext(call.Value, depth, seen)
	case call.Signature().Recv() != nil && len(call.Args) > 0:
		return madeWithContext(call.Args[0], depth, seen)
	}
	return false
}

// madeWithContext reports whether v, a receiver, was made by a call
// that carries a cancellable context; through a φ-node (a builder
// reassigned in a branch or a loop), whether every value it merges
// was, a φ-node already on the way adding nothing.
func madeWithContext(v ssa.Value, depth int, seen map[*ssa.Phi]bool) bool {
	if depth == 0 {
		return false
	}
	switch v := v.(type) {
	case *ssa.Extract:
		return madeWithContext(v.Tuple, depth-1, seen)
	case *ssa.Call:
		return callCarriesContext(v.Common(), depth-1, seen)
	case *ssa.Phi:
		if seen[v] {
			return true
		}
		seen[v] = true
		for _, e := range v.Edges {
			if !madeWithContext(e, depth-1, seen) {
				return false
			}
		}
		return true
	}
	return false
}

// maxReceiverChain bounds the values carriesContext looks back through.
const maxReceiverChain = 16

// timerChannel reports whether ch is a channel that only a timer will
// ever send on: the result of time.After, or the C of a timer made by
// time.NewTimer. It returns the catalog name of the timer's maker.
func timerChannel(ch ssa.Value) (string, bool) {
	if isResultOf(ch, "time.After") {
		return "time.After", true
	}
	field := loadedField(ch)
	if field == nil || !isResultOf(field.X, "time.NewTimer") {
		return "", false
	}
	if ptr, ok := field.X.Type().Underlying().(*types.Pointer); ok {
		if st, ok := ptr.Elem().Underlying().(*types.Struct); ok && st.Field(field.Field).Name() == "C" {
			return "time.NewTimer", true
		}
	}
	return "", false
}

// drainsStopped reports whether recv, a receive from a timer's channel,
// drains the timer after a Stop that failed: if !t.Stop() { <-t.C }.
// That receive takes a value already sent, or never ends (when the
// value was taken before); either way it is no wait for the timer that
// a context could shorten, and its cost is not the timer's.
func drainsStopped(recv *ssa.UnOp) bool {
	field := loadedField(recv.X)
	if field == nil {
		return false
	}
	timer := origin(field.X)
	for _, pred := range recv.Block().Preds {
		br, ok := pred.Instrs[len(pred.Instrs)-1].(*ssa.If)
		if !ok || pred.Succs[1] != recv.Block() {
			continue
		}
		stop, ok := br.Cond.(*ssa.Call)
		if !ok || stop.Call.IsInvoke() || len(stop.Call.Args) != 1 {
			continue
		}
		if callee := stop.Call.StaticCallee(); callee != nil && callee.String() == "(*time.Timer).Stop" && origin(stop.Call.Args[0]) == timer {
			return true
		}
	}
	return false
}

// loadedField returns the field that ch, as origin gives it, is loaded
// from (a timer's C), or nil.
func loadedField(ch ssa.Value) *ssa.FieldAddr {
	load, ok := origin(ch).(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	field, _ := load.X.(*ssa.FieldAddr)
	return field
}

// A wait says how a function waits for a goroutine it starts.
type wait int

const (
	noWait wait = iota
	// cancellableWait: every wait is a select that also receives from
	// a context's Done channel, so the function stops waiting when the
	// context ends.
	cancellableWait
	// fullWait: some wait ends only with the goroutine.
	fullWait
)

// waitsFor reports how fn waits, after or before it starts a goroutine
// that was given v, for the goroutine: by calling Wait on v (a
// *sync.WaitGroup or *errgroup.Group) or by receiving from v (a
// channel), alone or in a select.
func waitsFor(fn *ssa.Function, v ssa.Value) wait {
	v = variable(v)
	w := noWait
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Call:
				switch calleeName(instr.Common()) {
				case "(*sync.WaitGroup).Wait", "(*golang.org/x/sync/errgroup.Group).Wait":
					if variable(instr.Common().Args[0]) == v {
						return fullWait
					}
				}
			case *ssa.UnOp:
				if instr.Op == token.ARROW && variable(instr.X) == v {
					return fullWait
				}
			case *ssa.Select:
				for _, st := range instr.States {
					if st.Dir == types.RecvOnly && variable(st.Chan) == v {
						if !watchesContext(instr) {
							return fullWait
						}
						w = cancellableWait
					}
				}
			}
		}
	}
	return w
}

// watchesContext reports whether sel has a case that receives from a
// context's Done channel.
func watchesContext(sel *ssa.Select) bool {
	for _, st := range sel.States {
		if st.Dir != types.RecvOnly {
			continue
		}
		if call, ok := variable(st.Chan).(*ssa.Call); ok && contextMethod(call.Common()) == "Done" {
			return true
		}
	}
	return false
}

// startsWaited reports how fn waits for the goroutine that a go
// statement in fn starts: through a WaitGroup, errgroup or channel
// that the goroutine is given and that fn then waits on or receives
// from. The strongest wait on any of them counts.
func startsWaited(fn *ssa.Function, call *ssa.CallCommon) wait {
	vals := call.Args
	if mc, ok := call.Value.(*ssa.MakeClosure); ok {
		vals = append(slices.Clip(vals), mc.Bindings...)
	}
	w := noWait
	for _, v := range vals {
		w = max(w, waitsFor(fn, v))
	}
	return w
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

// cached reports whether the result of call (its first result, if it
// has several) is stored in a field, a global or a map: memoised for
// later calls, as a lazily compiled regexp is.
func cached(call *ssa.Call) bool {
	var results []ssa.Value
	if _, ok := call.Type().(*types.Tuple); ok {
		for _, ref := range *call.Referrers() {
			if ext, ok := ref.(*ssa.Extract); ok && ext.Index == 0 {
				results = append(results, ext)
			}
		}
	} else {
		results = append(results, call)
	}
	for _, v := range results {
		for _, ref := range *v.Referrers() {
			switch ref := ref.(type) {
			case *ssa.Store:
				switch ref.Addr.(type) {
				case *ssa.FieldAddr, *ssa.Global:
					return ref.Val == v
				}
			case *ssa.MapUpdate:
				if ref.Value == v {
					return true
				}
			}
		}
	}
	return false
}
