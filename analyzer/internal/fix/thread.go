package fix

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// forward threads the request's context one step down the chain: the
// root's call of a function that blocks without a context becomes a
// call of its context-taking sibling, with the request's context:
//
//	s.users.Find(name)  →  s.users.FindContext(r.Context(), name)
//	store.Find(name)    →  store.FindContext(r.Context(), name)
//
// The sibling is the method or function of the same receiver or package
// named with a Context (or WithContext) suffix whose parameters are a
// context.Context followed by exactly the callee's, with the same
// results, and which does not itself reach blocking calls without a
// context (Blocks). The
// edit is at the root's call, in this package, whichever package the
// callee is in. It returns no fix and no reason when there is no such
// sibling.
func (f *fixer) forward() (*analysis.SuggestedFix, error) { return f.forwardTo("") }

// forwardTo is forward to the variant called name, or to the sibling if
// name is empty.
func (f *fixer) forwardTo(name string) (*analysis.SuggestedFix, error) {
	want := name
	var id *ast.Ident
	var recv types.Type // nil for a function
	switch fun := ast.Unparen(f.call.Fun).(type) {
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		id = fun.Sel
		if sel, ok := f.pass.TypesInfo.Selections[fun]; ok {
			if sel.Kind() != types.MethodVal {
				return nil, nil
			}
			recv = sel.Recv()
		}
	default:
		return nil, nil
	}
	callee, ok := f.pass.TypesInfo.Uses[id].(*types.Func)
	if !ok || callee.Pkg() == nil {
		return nil, nil
	}
	var variant *types.Func
	if want != "" {
		variant = sibling(callee, recv, f.pass.Pkg, want)
	} else {
		// FindContext, or FindWithContext as some APIs name it.
		for _, suffix := range []string{"Context", "WithContext"} {
			if variant = sibling(callee, recv, f.pass.Pkg, callee.Name()+suffix); variant != nil {
				break
			}
		}
	}
	if variant == nil {
		return nil, nil
	}
	// A sibling that blocks without its context too would not fix the
	// finding. A wrapper's variant is another matter: the wrapper only
	// calls it with a background context, so the variant with the
	// request's is better whatever else it blocks on.
	if name == "" && f.req.Blocks != nil && f.req.Blocks(variant) {
		return nil, whyNot(fmt.Sprintf("%s blocks without its context too", variant.Name()))
	}
	if len(f.call.Args) == 1 {
		if _, ok := f.pass.TypesInfo.TypeOf(f.call.Args[0]).(*types.Tuple); ok {
			return nil, whyNot("the call spreads another call's results into its arguments")
		}
	}
	ctx, err := f.requestContext()
	if err != nil {
		return nil, err
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Call %s with the request's context", variant.Name()),
		TextEdits: f.insertContext(f.call, variant.Name(), ctx, ""),
	}, nil
}

// toVariant moves the call of a wrapper on a background-context chain to
// the wrapper's Context variant (Request.VariantOf), with the context
// at hand: the chain's call before the one given the background
// context. That call is the root's own, or one in a helper of this
// package that has the request's context at hand:
//
//	delay.Sleep(d)  →  delay.SleepContext(ctx, d)
//
// When that helper has no context at hand, it gets one first, as
// [fixer.expand] gives it. It returns no fix and no reason when the
// call of the wrapper is in another package or its callee is no wrapper.
func (f *fixer) toVariant() (*analysis.SuggestedFix, error) {
	if f.req.VariantOf == nil || len(f.req.Hops) < 2 {
		return nil, nil
	}
	call := callAt(f.pass, f.req.Hops[len(f.req.Hops)-2])
	if call == nil {
		return nil, nil
	}
	name := f.variantCalled(call)
	if name == "" {
		return nil, nil
	}
	if len(f.req.Hops) == 2 {
		return f.forwardTo(name) // the root calls the wrapper
	}
	req := f.req
	req.Call, req.Direct = call.Lparen, true
	sub, err := newFixer(req)
	if sub == nil || err != nil || !sub.inDecl() {
		return nil, err
	}
	if !sub.contextAtHand() {
		// The helper gets a context first (expand), and its call the
		// variant on the next round.
		if fix, err := f.expand(); fix != nil || err != nil {
			return fix, err
		}
		return nil, whyNot(fmt.Sprintf("%s has no context to give %s", sub.name, name))
	}
	return sub.forwardTo(name)
}

// hintVariant moves a call named by a -fix-at hint, of a wrapper that
// gives its Context variant a background context, to the variant with
// the context of the function that makes it; a function with none gets
// one first, and the call moves on the next round.
func (f *fixer) hintVariant() (*analysis.SuggestedFix, error) {
	name := f.variantCalled(f.call)
	if name == "" {
		return nil, nil
	}
	if !f.contextAtHand() {
		return f.giveContext()
	}
	return f.forwardTo(name)
}

// variantCalled returns the name of the Context variant of the function
// that call calls statically, if that function is a wrapper that gives
// its variant a background context (Request.VariantOf); "" otherwise.
func (f *fixer) variantCalled(call *ast.CallExpr) string {
	callee := typeutil.StaticCallee(f.pass.TypesInfo, call)
	if callee == nil || f.req.VariantOf == nil {
		return ""
	}
	return f.req.VariantOf(callee)
}

// sibling returns the context-taking variant of fn called want, called
// on a value of type recv (nil for a function), accessible from package
// from, taking a context.Context and then fn's parameters, with fn's
// results. It returns nil if there is none.
func sibling(fn *types.Func, recv types.Type, from *types.Package, want string) *types.Func {
	var obj types.Object
	if recv != nil {
		obj, _, _ = types.LookupFieldOrMethod(recv, true, from, want)
	} else {
		obj = fn.Pkg().Scope().Lookup(want)
		if obj != nil && fn.Pkg() != from && !obj.Exported() {
			obj = nil
		}
	}
	v, ok := obj.(*types.Func)
	if !ok {
		return nil
	}
	sig, vsig := fn.Signature(), v.Signature()
	if vsig.Params().Len() != sig.Params().Len()+1 || !isContext(vsig.Params().At(0).Type()) ||
		vsig.Variadic() != sig.Variadic() || !types.Identical(vsig.Results(), sig.Results()) {
		return nil
	}
	for i := range sig.Params().Len() {
		if !types.Identical(sig.Params().At(i).Type(), vsig.Params().At(i+1).Type()) {
			return nil
		}
	}
	return v
}
