package summary

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// FuncName returns the name that messages use for fn: "auth.HashPassword",
// "auth.Hasher.Hash" for a method, "api.routes.func1" for a function
// literal, as a stack trace would show it. Instances and wrappers are
// named after the function they instantiate or wrap.
func FuncName(fn *ssa.Function) string {
	if parent := fn.Parent(); parent != nil {
		n := fn.Name()[strings.LastIndexByte(fn.Name(), '$')+1:]
		if parent.Parent() != nil {
			return FuncName(parent) + "." + n
		}
		return FuncName(parent) + ".func" + n
	}
	if obj := object(fn); obj != nil {
		return ObjectName(obj)
	}
	if fn.Pkg != nil {
		return fn.Pkg.Pkg.Name() + "." + fn.Name() // a package's init
	}
	return fn.Name()
}

// ObjectName returns the name that messages use for a declared
// function or method: package name, receiver type name, function name.
func ObjectName(fn *types.Func) string {
	var b strings.Builder
	if fn.Pkg() != nil {
		b.WriteString(fn.Pkg().Name())
		b.WriteByte('.')
	}
	if recv := fn.Signature().Recv(); recv != nil {
		t := types.Unalias(recv.Type())
		if ptr, ok := t.(*types.Pointer); ok {
			t = types.Unalias(ptr.Elem())
		}
		if named, ok := t.(*types.Named); ok {
			b.WriteString(named.Obj().Name())
			b.WriteByte('.')
		}
	}
	b.WriteString(fn.Name())
	return b.String()
}

// object returns the declared function that fn is, instantiates or
// wraps, or nil for function literals.
func object(fn *ssa.Function) *types.Func {
	if origin := fn.Origin(); origin != nil {
		fn = origin
	}
	obj, _ := fn.Object().(*types.Func)
	if obj != nil {
		obj = obj.Origin()
	}
	return obj
}
