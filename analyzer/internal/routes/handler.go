package routes

import (
	"go/constant"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/blockcheck/blockcheck/analyzer/internal/roots"
)

// A handlerRef is what a registration's handler argument turns out to
// be: a function, routers mounted there, or a service's handler.
type handlerRef struct {
	fn *ssa.Function
	// routers are the constructor calls that made the routers mounted
	// there; strip is the prefix http.StripPrefix removes, if stripped.
	routers  []ssa.Value
	strip    string
	stripped bool
	// service says that the handler is a generated service's, whose
	// routes its constructor gives (connect's NewXxxHandler).
	service bool
	// expr names the handler's expression when nothing else is known.
	expr string
}

// maxDepth bounds how far handler looks through wrappers and helpers.
const maxDepth = 6

// handler returns what v, a handler argument, is: the function that
// serves requests, looking through conversions, method values,
// http.Handler implementations, middleware that wraps one handler,
// helpers that return one, variables and fields set once; or the
// routers that v is, which are mounted rather than routed.
func (f *finder) handler(v ssa.Value, depth int) handlerRef {
	if depth > maxDepth {
		return handlerRef{expr: exprText(v, 2)}
	}
	switch x := v.(type) {
	case *ssa.Parameter:
		if a := f.bound(x); a != x {
			return f.handler(a, depth+1)
		}
	case *ssa.MakeClosure:
		// A method value of an interface, such as handler.ServeHTTP,
		// serves with what the interface holds.
		if len(x.Bindings) == 1 && interfaceMethod(x.Fn) {
			return f.handler(x.Bindings[0], depth+1)
		}
		if fn := roots.FuncOf(x); fn != nil {
			return handlerRef{fn: fn}
		}
	case *ssa.Function:
		if fn := roots.FuncOf(x); fn != nil {
			return handlerRef{fn: fn}
		}
	case *ssa.ChangeType:
		return f.handler(x.X, depth+1)
	case *ssa.ChangeInterface:
		return f.handler(x.X, depth+1)
	case *ssa.MakeInterface:
		if _, isFunc := x.X.Type().Underlying().(*types.Signature); isFunc {
			return f.handler(x.X, depth+1)
		}
		if name, ok := typeKey(x.X.Type()); ok && routerTypes[name] {
			return handlerRef{routers: f.origins(x.X, 0)}
		}
		if fn := methodNamed(x.X.Type(), "ServeHTTP", x.Parent().Prog); fn != nil {
			return handlerRef{fn: fn}
		}
	case *ssa.UnOp:
		if vals := f.storedIn(x); len(vals) == 1 {
			return f.handler(vals[0], depth+1)
		}
	case *ssa.Extract:
		if call, ok := x.Tuple.(*ssa.Call); ok {
			if _, ok := serviceConstructor(call.Common()); ok {
				return handlerRef{service: true}
			}
			return f.returnedHandler(call, x.Index, depth)
		}
	case *ssa.Call:
		return f.callHandler(x, depth)
	}
	return handlerRef{expr: exprText(v, 2)}
}

// interfaceMethod reports whether v is the bound wrapper of an
// interface's method.
func interfaceMethod(v ssa.Value) bool {
	fn, ok := v.(*ssa.Function)
	if !ok || fn.Synthetic == "" {
		return false
	}
	obj, ok := fn.Object().(*types.Func)
	return ok && obj.Signature().Recv() != nil && types.IsInterface(obj.Signature().Recv().Type())
}

// callHandler returns the handler that call returns: a router, the
// handler that http.StripPrefix or a middleware wraps, or what a local
// helper returns.
func (f *finder) callHandler(call *ssa.Call, depth int) handlerRef {
	if _, ok := serviceConstructor(call.Common()); ok {
		return handlerRef{service: true}
	}
	key, args := keyOf(call.Common())
	if sp, ok := specs[key]; ok && (sp.op == opNew || sp.op == opGroup) {
		return handlerRef{routers: f.origins(call, 0)}
	}
	if key == "net/http.StripPrefix" && len(args) == 2 {
		h := f.handler(args[1], depth+1)
		if len(h.routers) > 0 {
			h.strip, h.stripped = f.text(args[0]), true
		}
		return h
	}
	// A middleware: the one argument that is a handler serves the
	// route (the middleware's closure is a root of its own).
	var found []handlerRef
	for _, arg := range call.Call.Args {
		if h := f.handler(arg, depth+1); h.fn != nil || len(h.routers) > 0 {
			found = append(found, h)
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	// A helper that makes a handler.
	if callee := call.Call.StaticCallee(); callee != nil && len(callee.Blocks) > 0 && len(found) == 0 {
		return f.returnedHandler(call, 0, depth)
	}
	return handlerRef{expr: exprText(call, 2)}
}

// returnedHandler returns the handler that result i of call's callee
// returns, if all its returns agree.
func (f *finder) returnedHandler(call *ssa.Call, i, depth int) handlerRef {
	callee := call.Call.StaticCallee()
	if callee == nil || len(callee.Blocks) == 0 {
		return handlerRef{expr: exprText(call, 2)}
	}
	var got *handlerRef
	for _, b := range callee.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || i >= len(ret.Results) {
			continue
		}
		h := f.handler(ret.Results[i], depth+1)
		if got != nil && (got.fn != h.fn || !slices.Equal(got.routers, h.routers)) {
			return handlerRef{expr: exprText(call, 2)}
		}
		got = &h
	}
	if got == nil {
		return handlerRef{expr: exprText(call, 2)}
	}
	return *got
}

// storedIn returns the values that load may read: those stored in its
// variable, field or global.
func (f *finder) storedIn(load *ssa.UnOp) []ssa.Value {
	switch addr := load.X.(type) {
	case *ssa.Alloc:
		var vals []ssa.Value
		for _, ref := range *addr.Referrers() {
			if st, ok := ref.(*ssa.Store); ok && st.Addr == addr {
				vals = append(vals, st.Val)
			}
		}
		return vals
	case *ssa.FieldAddr, *ssa.Global:
		return f.stores[storeKey(addr)]
	}
	return nil
}

// origins returns the constructor calls that made the router v, as far
// as they can be traced.
func (f *finder) origins(v ssa.Value, depth int) []ssa.Value {
	if depth > maxDepth {
		return nil
	}
	switch x := v.(type) {
	case *ssa.MakeInterface:
		return f.origins(x.X, depth+1)
	case *ssa.ChangeType:
		return f.origins(x.X, depth+1)
	case *ssa.ChangeInterface:
		return f.origins(x.X, depth+1)
	case *ssa.Phi:
		var out []ssa.Value
		for _, e := range x.Edges {
			out = append(out, f.origins(e, depth+1)...)
		}
		return out
	case *ssa.UnOp:
		var out []ssa.Value
		for _, val := range f.storedIn(x) {
			out = append(out, f.origins(val, depth+1)...)
		}
		return out
	case *ssa.Call:
		if sp, _, ok := specOf(x.Common()); ok && sp.op == opNew {
			return []ssa.Value{x}
		}
		callee := x.Call.StaticCallee()
		if callee == nil {
			return nil
		}
		var out []ssa.Value
		for _, b := range callee.Blocks {
			if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) > 0 {
				out = append(out, f.origins(ret.Results[0], depth+1)...)
			}
		}
		return out
	}
	return nil
}

// methodNamed returns the method of t called name, as declared: a
// promoted method is the embedded type's.
func methodNamed(t types.Type, name string, prog *ssa.Program) *ssa.Function {
	ms := prog.MethodSets.MethodSet(t)
	for i := range ms.Len() {
		sel := ms.At(i)
		if sel.Obj().Name() != name {
			continue
		}
		fn := prog.MethodValue(sel)
		if obj, ok := fn.Object().(*types.Func); ok && fn.Synthetic != "" {
			if target := prog.FuncValue(obj); target != nil {
				return target
			}
		}
		return fn
	}
	return nil
}

// constString returns the string constant v holds.
func constString(v ssa.Value) (string, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c.Value), true
}
