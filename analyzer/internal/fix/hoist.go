package fix

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// hoistOperands makes a call whose arguments read the request
// (r.FormValue("pw"), c.Param("id"), []byte(c.PostForm("x"))) fit for
// offload: each argument that calls a function or receives is declared
// in a new variable before stmt, in the order the call evaluates them,
// so that only the call itself runs on offload's goroutine. It returns
// the call's new text and the declarations, each ending in a newline
// and stmt's indentation.
//
// It applies where the call is the whole of stmt (a statement of its
// own, the value returned, or assigned to plain variables), or where
// the call itself is hoisted out of stmt (w.Write(f(r.FormValue("x"))))
// because nothing in stmt with side effects is evaluated before it:
// either way nothing else in stmt was evaluated before the arguments.
// It refuses a callee expression that is not pure itself
// (s.users().Hash(…)), and an argument that spreads a call's several
// results.
func (f *fixer) hoistOperands(stmt ast.Stmt) (callText, decls string, err error) {
	if !f.callIsStatement(stmt) && f.hoistable(stmt) != nil {
		return "", "", whyNot("the call's operands would be evaluated apart from the rest of its statement")
	}
	if bad := f.impure(f.call.Fun); bad != nil {
		return "", "", whyNot(fmt.Sprintf("its operands call %s, which would then run on offload's goroutine", f.text(bad)))
	}
	sig, ok := f.pass.TypesInfo.TypeOf(f.call.Fun).Underlying().(*types.Signature)
	if !ok || len(f.call.Args) == 1 && sig.Params().Len() > 1 {
		return "", "", whyNot("the call spreads another call's results into its arguments")
	}
	indent := f.indent(stmt.Pos())
	var args []string
	var b strings.Builder
	for i, arg := range f.call.Args {
		text := f.text(arg)
		if f.impure(arg) == nil {
			args = append(args, text)
			continue
		}
		name, err := f.freshName(stmt, argName(sig, i))
		if err != nil {
			return "", "", err
		}
		fmt.Fprintf(&b, "%s := %s\n%s", name, text, indent)
		args = append(args, name)
	}
	ellipsis := ""
	if f.call.Ellipsis.IsValid() {
		ellipsis = "..."
	}
	return fmt.Sprintf("%s(%s%s)", f.text(f.call.Fun), strings.Join(args, ", "), ellipsis), b.String(), nil
}

// callIsStatement reports whether the call is the whole of stmt: an
// expression statement, the one value returned, or the one value
// assigned to variables named by plain identifiers.
func (f *fixer) callIsStatement(stmt ast.Stmt) bool {
	is := func(e ast.Expr) bool { return ast.Unparen(e) == f.call }
	switch stmt := stmt.(type) {
	case *ast.ExprStmt:
		return is(stmt.X)
	case *ast.ReturnStmt:
		return len(stmt.Results) == 1 && is(stmt.Results[0])
	case *ast.AssignStmt:
		if len(stmt.Rhs) != 1 || !is(stmt.Rhs[0]) || stmt.Tok != token.DEFINE && stmt.Tok != token.ASSIGN {
			return false
		}
		for _, lhs := range stmt.Lhs {
			if _, ok := lhs.(*ast.Ident); !ok {
				return false
			}
		}
		return true
	}
	return false
}

// argName returns a name for a variable that holds argument i of a
// call of sig: the parameter's own name, or "arg".
func argName(sig *types.Signature, i int) string {
	params := sig.Params()
	if i >= params.Len() {
		i = params.Len() - 1 // a variadic parameter
	}
	if i >= 0 {
		if name := params.At(i).Name(); name != "" && name != "_" && !token.IsKeyword(name) && types.Universe.Lookup(name) == nil {
			return name
		}
	}
	return "arg"
}
