package fix

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// helperContextForm gives a blocking call that the root reaches through
// helpers its context-aware form where it is made (or, on a
// background-context chain, the context in place of the background
// one): in a function of this package that has the request's context
// at hand, as a context.Context parameter or in a request parameter (an
// *http.Request, a framework's context). The diagnostic is the root's,
// at its call of the chain's first helper; the fix edits the helper,
// which every root that reaches it shares, so each offers the same
// edits and drivers apply them once.
//
// It returns no fix and no reason when the helper has no context at
// hand: the message already says which function needs one.
func (f *fixer) helperContextForm() (*analysis.SuggestedFix, error) {
	sub, err := f.inHelper()
	if sub == nil || err != nil {
		return nil, err
	}
	if !sub.contextAtHand() {
		return nil, nil
	}
	fix, err := sub.withContext()
	if err == nil && fix != nil && sub.header != nil {
		fix, err = sub.splitHeader(fix)
	}
	return fix, err
}

// HintCall returns the call whose function's name is at pos in the
// package's files, for a -fix-at hint, the function it calls
// statically, and the declared function that makes it; nil if there is
// none.
func HintCall(pass *analysis.Pass, pos token.Pos) (call *ast.CallExpr, callee, caller *types.Func) {
	call = callAt(pass, pos)
	if call == nil {
		return nil, nil, nil
	}
	callee = typeutil.StaticCallee(pass.TypesInfo, call)
	for _, file := range pass.Files {
		if file.FileStart <= pos && pos < file.FileEnd {
			path, _ := astutil.PathEnclosingInterval(file, pos, pos)
			for _, n := range path {
				if fd, ok := n.(*ast.FuncDecl); ok {
					caller, _ = pass.TypesInfo.Defs[fd.Name].(*types.Func)
				}
			}
		}
	}
	if callee == nil || caller == nil {
		return nil, nil, nil
	}
	return call, callee, caller
}

// contextAtHand reports whether the function that makes the call has
// the request's context at hand.
func (f *fixer) contextAtHand() bool {
	_, err := f.requestContext()
	return err == nil
}

// inHelper returns a fixer for the sink's call in the helper of this
// package that makes it, or nil if the call is in another package.
func (f *fixer) inHelper() (*fixer, error) {
	call := callAt(f.pass, f.req.SinkCall)
	if call == nil {
		return nil, nil
	}
	req := f.req
	req.Call, req.Direct, req.Origin = call.Lparen, true, req.SinkOrigin
	sub, err := newFixer(req)
	if sub == nil || err != nil || !sub.inDecl() {
		return nil, err
	}
	return sub, nil
}

// inDecl makes the function declaration that holds the call the one
// whose parameters and results the fix uses, and reports whether there
// is one: false for a call in a function literal, whose parameters and
// returns are not the declared function's.
func (f *fixer) inDecl() bool {
	for _, n := range f.path {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.FuncDecl:
			fn, ok := f.pass.TypesInfo.Defs[n.Name].(*types.Func)
			if !ok || n.Body == nil {
				return false
			}
			f.fn, f.body = n.Type, n.Body
			f.results, f.name = fn.Signature().Results(), n.Name.Name
			return true
		}
	}
	return false
}
