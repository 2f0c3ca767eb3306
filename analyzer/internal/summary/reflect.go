package summary

import (
	"go/constant"

	"golang.org/x/tools/go/ssa"
)

// reflectCalls holds the methods of reflect.Value that call the
// function a Value holds.
var reflectCalls = map[string]bool{
	"(reflect.Value).Call":      true,
	"(reflect.Value).CallSlice": true,
}

// reflectMethods holds the methods of reflect.Value that select a
// method of the value's type.
var reflectMethods = map[string]bool{
	"(reflect.Value).MethodByName": true,
	"(reflect.Value).Method":       true,
}

// reflectCallees returns the methods that call may run when it is
// dispatch by reflection, as RPC-style servers do it:
//
//	reflect.ValueOf(svc).MethodByName(action).Call(args)
//
// that is, a call of (reflect.Value).Call or CallSlice on
// reflect.ValueOf(x).MethodByName(name) or reflect.ValueOf(x).Method(i),
// where x has a concrete type T, directly or through local variables.
// The methods are the exported ones in T's method set, the only ones
// reflection finds, in method-set order; only the one named or numbered
// when the name or the index is a constant. It returns nil for any
// other call, and when x is already an interface value: its dynamic
// type is not guessed.
func reflectCallees(call *ssa.CallCommon) []*ssa.Function {
	// The name check first: this runs for every static call.
	if f := call.StaticCallee(); f == nil || f.Name() != "Call" && f.Name() != "CallSlice" {
		return nil
	}
	if !reflectCalls[calleeName(call)] || len(call.Args) == 0 {
		return nil
	}
	sel, ok := origin(call.Args[0]).(*ssa.Call)
	if !ok || !reflectMethods[calleeName(sel.Common())] || len(sel.Common().Args) != 2 {
		return nil
	}
	valueOf, ok := origin(sel.Common().Args[0]).(*ssa.Call)
	if !ok || calleeName(valueOf.Common()) != "reflect.ValueOf" || len(valueOf.Common().Args) != 1 {
		return nil
	}
	x, ok := origin(valueOf.Common().Args[0]).(*ssa.MakeInterface)
	if !ok {
		return nil
	}
	name, index := "", -1
	if c, ok := origin(sel.Common().Args[1]).(*ssa.Const); ok && c.Value != nil {
		switch c.Value.Kind() {
		case constant.String:
			name = constant.StringVal(c.Value)
		case constant.Int:
			i, ok := constant.Int64Val(c.Value)
			if !ok || i < 0 {
				return nil // Method panics
			}
			index = int(i)
		}
	}
	prog := call.StaticCallee().Prog
	var methods []*ssa.Function
	// Method(i) numbers the exported methods in lexicographic order,
	// which is their order in the method set: the Id of an exported
	// method is its name.
	i := -1
	for sel := range prog.MethodSets.MethodSet(x.X.Type()).Methods() {
		if !sel.Obj().Exported() {
			continue
		}
		i++
		if name != "" && sel.Obj().Name() != name || index >= 0 && i != index {
			continue
		}
		if fn := prog.MethodValue(sel); fn != nil { // nil for a type with type parameters
			methods = append(methods, fn)
		}
	}
	return methods
}
