package routes

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// prefixes returns the prefixes under which the router v serves its
// routes, sorted; "?(expr)" stands for what is not known.
func (f *finder) prefixes(v ssa.Value) []string {
	if p, ok := f.memo[v]; ok {
		return p
	}
	if f.busy[v] {
		return nil // a cycle adds nothing of its own
	}
	f.busy[v] = true
	p := f.resolvePrefixes(v)
	delete(f.busy, v)
	slices.Sort(p)
	p = slices.Compact(p)
	if len(p) > maxPrefixes {
		p = p[:maxPrefixes]
	}
	f.memo[v] = p
	return p
}

func (f *finder) resolvePrefixes(v ssa.Value) []string {
	switch v := v.(type) {
	case *ssa.MakeInterface:
		return f.prefixes(v.X)
	case *ssa.ChangeType:
		return f.prefixes(v.X)
	case *ssa.ChangeInterface:
		return f.prefixes(v.X)
	case *ssa.TypeAssert:
		return f.prefixes(v.X)
	case *ssa.Phi:
		var out []string
		for _, e := range v.Edges {
			out = append(out, f.prefixes(e)...)
		}
		return out
	case *ssa.FieldAddr:
		if field := fieldOf(v.X.Type(), v.Field); field != nil && field.Embedded() {
			return f.prefixes(v.X) // gin's Engine and its RouterGroup
		}
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return f.loaded(v)
		}
	case *ssa.Parameter:
		return f.paramPrefixes(v)
	case *ssa.FreeVar:
		if b := binding(v); b != nil {
			return f.prefixes(b)
		}
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			return f.returned(call, v.Index)
		}
	case *ssa.Call:
		return f.callPrefixes(v)
	}
	return []string{unknown(v)}
}

// loaded returns the prefixes of the router that load reads from a
// variable, a field or a global.
func (f *finder) loaded(load *ssa.UnOp) []string {
	var vals []ssa.Value
	switch addr := load.X.(type) {
	case *ssa.Alloc:
		for _, ref := range *addr.Referrers() {
			if st, ok := ref.(*ssa.Store); ok && st.Addr == addr {
				vals = append(vals, st.Val)
			}
		}
	case *ssa.FieldAddr, *ssa.Global:
		vals = f.stores[storeKey(addr)]
	case *ssa.FreeVar:
		if b := binding(addr); b != nil {
			return f.loaded(&ssa.UnOp{Op: token.MUL, X: b})
		}
	}
	if len(vals) == 0 {
		return []string{unknown(load)}
	}
	var out []string
	for _, val := range vals {
		out = append(out, f.prefixes(val)...)
	}
	return out
}

// paramPrefixes returns the prefixes of a router parameter: those of
// what the function's callers pass, or, for the function that chi's
// Route or Group runs, those of the router it is run for.
func (f *finder) paramPrefixes(p *ssa.Parameter) []string {
	fn := p.Parent()
	i := slices.Index(fn.Params, p)
	var out []string
	for _, call := range f.scopes[fn] {
		sp, args, _ := specOf(call.Common())
		if i != 0 {
			continue
		}
		prefixes := f.prefixes(args[0])
		if sp.path != noArg {
			prefixes = joinAll(prefixes, f.text(args[sp.path]))
		}
		out = append(out, prefixes...)
	}
	for _, call := range f.callers[fn] {
		if args := call.Common().Args; i < len(args) && call.Common().StaticCallee() == fn {
			out = append(out, f.prefixes(args[i])...)
		}
	}
	if len(out) > 0 {
		return out
	}
	if name, ok := typeKey(p.Type()); ok && topTypes[name] {
		return []string{""}
	}
	return []string{"?(" + p.Name() + ")"}
}

// returned returns the prefixes of result i of the function that call
// calls, from its return statements.
func (f *finder) returned(call *ssa.Call, i int) []string {
	callee := call.Call.StaticCallee()
	if callee == nil || len(callee.Blocks) == 0 {
		return []string{unknown(call)}
	}
	var out []string
	for _, b := range callee.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && i < len(ret.Results) {
			out = append(out, f.prefixes(ret.Results[i])...)
		}
	}
	return out
}

// callPrefixes returns the prefixes of the router that call returns.
func (f *finder) callPrefixes(call *ssa.Call) []string {
	if p, ok := f.gorillaPrefixes(call); ok {
		return p
	}
	sp, args, ok := specOf(call.Common())
	if !ok {
		return f.returned(call, 0)
	}
	switch sp.op {
	case opNew:
		mounts := f.mounts[call]
		if len(mounts) == 0 {
			return []string{""}
		}
		var out []string
		for _, m := range mounts {
			base := []string{""}
			if m.recv != nil {
				base = f.prefixes(m.recv)
			}
			out = append(out, joinAll(base, m.path)...)
		}
		return out
	case opGroup:
		prefixes := f.prefixes(args[0])
		if sp.path == noArg {
			return prefixes
		}
		return joinAll(prefixes, f.text(args[sp.path]))
	}
	return []string{unknown(call)}
}

// binding returns the value that the free variable v is bound to where
// its closure is made, if the closure is made once.
func binding(v *ssa.FreeVar) ssa.Value {
	closure := v.Parent()
	i := slices.Index(closure.FreeVars, v)
	parent := closure.Parent()
	if parent == nil || i < 0 {
		return nil
	}
	var bound ssa.Value
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != closure || i >= len(mc.Bindings) {
				continue
			}
			if bound != nil {
				return nil
			}
			bound = mc.Bindings[i]
		}
	}
	return bound
}
