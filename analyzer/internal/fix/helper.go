package fix

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// helperContextForm gives a blocking call that the root reaches through
// helpers its context-aware form where it is made: in a function of
// this package that has the request's context at hand, as a
// context.Context parameter or in a request parameter (an
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
	fix, err := sub.contextForm()
	if err == nil && fix != nil && sub.header != nil {
		fix, err = sub.splitHeader(fix)
	}
	return fix, err
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
	if sub == nil || err != nil {
		return nil, err
	}
	for _, n := range sub.path {
		switch n := n.(type) {
		case *ast.FuncLit:
			return nil, nil // its parameters and returns are not the helper's
		case *ast.FuncDecl:
			fn, ok := f.pass.TypesInfo.Defs[n.Name].(*types.Func)
			if !ok || n.Body == nil {
				return nil, nil
			}
			sub.fn, sub.body = n.Type, n.Body
			sub.results, sub.name = fn.Signature().Results(), n.Name.Name
			return sub, nil
		}
	}
	return nil, nil
}
