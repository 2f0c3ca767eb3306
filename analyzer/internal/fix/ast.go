package fix

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// spellable reports why t cannot be written at the call, if it cannot:
// it names an unexported type of another package, or a type local to
// another function.
func (f *fixer) spellable(t types.Type) error {
	seen := make(map[types.Type]bool)
	var check func(t types.Type) error
	check = func(t types.Type) error {
		if seen[t] {
			return nil
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Alias:
			return check(types.Unalias(t))
		case *types.Named:
			obj := t.Obj()
			if obj.Pkg() != nil && obj.Pkg() != f.pass.Pkg && !obj.Exported() {
				return whyNot(fmt.Sprintf("the call returns %s, an unexported type of another package", types.TypeString(t, (*types.Package).Name)))
			}
			if obj.Pkg() == f.pass.Pkg && obj.Parent() != obj.Pkg().Scope() && f.lookup(obj.Name()) != obj {
				return whyNot(fmt.Sprintf("the call returns %s, a type local to another function", obj.Name()))
			}
			for arg := range t.TypeArgs().Types() {
				if err := check(arg); err != nil {
					return err
				}
			}
		case *types.Pointer:
			return check(t.Elem())
		case *types.Slice:
			return check(t.Elem())
		case *types.Array:
			return check(t.Elem())
		case *types.Chan:
			return check(t.Elem())
		case *types.Map:
			if err := check(t.Key()); err != nil {
				return err
			}
			return check(t.Elem())
		case *types.Struct:
			for field := range t.Fields() {
				if err := check(field.Type()); err != nil {
					return err
				}
			}
		case *types.Signature:
			for v := range t.Params().Variables() {
				if err := check(v.Type()); err != nil {
					return err
				}
			}
			for v := range t.Results().Variables() {
				if err := check(v.Type()); err != nil {
					return err
				}
			}
		case *types.TypeParam:
			return whyNot("the call's result type is a type parameter")
		}
		return nil
	}
	return check(t)
}

// pure reports why evaluating the operands of call elsewhere, or in
// another order, could change what the code does: they call functions
// or receive from channels. Conversions and side-effect-free builtins
// are fine.
func (f *fixer) pure(call *ast.CallExpr) error {
	exprs := append([]ast.Expr{call.Fun}, call.Args...)
	for _, e := range exprs {
		if bad := f.impure(e); bad != nil {
			return whyNot(fmt.Sprintf("its operands call %s, which would then run on offload's goroutine", f.text(bad)))
		}
	}
	return nil
}

// impure returns the first call or receive in e that may have side
// effects, or nil.
func (f *fixer) impure(e ast.Node) ast.Node {
	var bad ast.Node
	ast.Inspect(e, func(n ast.Node) bool {
		if bad != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // a function value: nothing runs yet
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				bad = n
			}
		case *ast.CallExpr:
			if !f.harmless(n) {
				bad = n
			}
		}
		return true
	})
	return bad
}

// accessors are methods without side effects that handlers commonly
// call in arguments: reading the request's context.
var accessors = map[string]bool{
	"(*net/http.Request).Context":                    true,
	"(github.com/labstack/echo/v4.Context).Request":  true,
	"(*github.com/gofiber/fiber/v2.Ctx).UserContext": true,
}

// harmless reports whether a call expression is a conversion, a call of
// a builtin without side effects, or of a known accessor.
func (f *fixer) harmless(call *ast.CallExpr) bool {
	if tv, ok := f.pass.TypesInfo.Types[call.Fun]; ok && tv.IsType() {
		return true
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if fn, ok := f.pass.TypesInfo.Uses[sel.Sel].(*types.Func); ok && accessors[fn.FullName()] {
			return true
		}
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := f.pass.TypesInfo.Uses[id].(*types.Builtin)
	if !ok {
		return false
	}
	switch b.Name() {
	case "len", "cap", "min", "max", "real", "imag", "complex", "new", "make":
		return true
	}
	return false
}

// statement returns the statement that holds the call and the block
// that holds the statement, or why the call is not in a statement that
// a fix may add statements around.
func (f *fixer) statement() (ast.Stmt, ast.Node, error) {
	for i, n := range f.path {
		switch n.(type) {
		case *ast.DeferStmt:
			return nil, nil, whyNot("the call is deferred")
		case *ast.GoStmt:
			return nil, nil, whyNot("the call runs in a go statement")
		}
		stmt, ok := n.(ast.Stmt)
		if !ok {
			continue
		}
		if i+1 == len(f.path) {
			break
		}
		switch parent := f.path[i+1].(type) {
		case *ast.BlockStmt, *ast.CaseClause:
			return stmt, parent, nil
		case *ast.CommClause:
			if parent.Comm != stmt {
				return stmt, parent, nil
			}
			return nil, nil, whyNot("the call is a case of a select statement")
		case *ast.ForStmt:
			return nil, nil, whyNot("the call is in a for statement's header")
		case *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt:
			if initOf(parent) != stmt {
				return nil, nil, whyNot("the call is in the header of an if or switch statement")
			}
			// The init statement: splitHeader moves it in front of
			// the header.
			for _, n := range f.path[i+2:] {
				switch n.(type) {
				case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
					f.header = parent.(ast.Stmt)
					return stmt, n, nil
				}
			}
			return nil, nil, whyNot("the call is in the header of an if or switch statement")
		}
		return nil, nil, whyNot("the call is not directly in a block of statements")
	}
	return nil, nil, whyNot("the call is not in a statement")
}

// hoistable reports why the call cannot be moved in front of stmt, if
// it cannot: stmt evaluates it conditionally or repeatedly, or
// evaluates something with side effects before it.
func (f *fixer) hoistable(stmt ast.Stmt) error {
	switch s := stmt.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.ReturnStmt, *ast.SendStmt, *ast.IncDecStmt, *ast.DeclStmt:
	case *ast.IfStmt:
		if s.Init != nil || !contains(s.Cond, f.call) {
			return whyNot("the call is evaluated conditionally")
		}
	case *ast.SwitchStmt:
		if s.Init != nil || s.Tag == nil || !contains(s.Tag, f.call) {
			return whyNot("the call is evaluated conditionally")
		}
	case *ast.RangeStmt:
		if !contains(s.X, f.call) {
			return whyNot("the call is evaluated repeatedly")
		}
	case *ast.ForStmt:
		return whyNot("the call is in a for statement's header")
	default:
		return whyNot("the call cannot be moved out of its statement")
	}
	// Between the call and the statement, nothing may evaluate the
	// call conditionally.
	for i := 0; i+1 < len(f.path) && f.path[i] != stmt; i++ {
		if bin, ok := f.path[i+1].(*ast.BinaryExpr); ok && (bin.Op == token.LAND || bin.Op == token.LOR) && contains(bin.Y, f.call) {
			return whyNot("the call is evaluated conditionally, after " + bin.Op.String())
		}
	}
	// Nothing with side effects may come before the call.
	var before ast.Node
	ast.Inspect(stmt, func(n ast.Node) bool {
		if before != nil || n == nil || n == f.call || n.Pos() >= f.call.Pos() {
			return false
		}
		if n.End() <= f.call.Pos() {
			before = f.impure(n)
			return false
		}
		return true
	})
	if before != nil {
		return whyNot(fmt.Sprintf("%s comes first and would move after it", f.text(before)))
	}
	return nil
}

func contains(outer, inner ast.Node) bool {
	return outer != nil && outer.Pos() <= inner.Pos() && inner.End() <= outer.End()
}

// freshName returns base, or base with a number, such that the name is
// neither visible at stmt nor used anywhere in the root's body.
func (f *fixer) freshName(stmt ast.Stmt, base string) (string, error) {
	for i := 1; i <= 9; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprint(base, i)
		}
		if !f.req.Taken[name] && !f.used(name) && f.lookupAt(name, stmt.Pos()) == nil {
			f.req.Taken[name] = true
			f.declared = append(f.declared, name)
			return name, nil
		}
	}
	return "", whyNot("no free name for the call's result")
}

// freshErr returns a name for offload's error, declared by a := at
// stmt: err if that declares a new variable that nothing after stmt in
// block reads, else errOffload if it is free.
func (f *fixer) freshErr(block ast.Node, stmt ast.Stmt) (string, error) {
	for _, name := range []string{"err", "errOffload"} {
		obj := f.lookupAt(name, stmt.Pos())
		if obj != nil && f.ownScope(obj) {
			continue // a parameter or named result: := would assign it
		}
		if !f.usedAfter(block, stmt, name) {
			f.declared = append(f.declared, name)
			return name, nil
		}
	}
	return "", whyNot("no free name for offload's error")
}

// ownScope reports whether obj is a parameter or result of the root.
func (f *fixer) ownScope(obj types.Object) bool {
	scope := f.pass.TypesInfo.Scopes[f.fn]
	return scope != nil && obj.Parent() == scope
}

// lookupAt returns the object that name denotes at pos.
func (f *fixer) lookupAt(name string, pos token.Pos) types.Object {
	file := f.fileOf(pos) // a helper's call may be in another file than the root's
	if file == nil {
		return nil
	}
	scope := f.pass.TypesInfo.Scopes[file].Innermost(pos)
	if scope == nil {
		return nil
	}
	_, obj := scope.LookupParent(name, pos)
	return obj
}

// used reports whether an identifier called name appears in the root.
func (f *fixer) used(name string) bool {
	found := false
	ast.Inspect(f.body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}

// usedAfter reports whether an identifier called name appears in block
// after stmt.
func (f *fixer) usedAfter(block ast.Node, stmt ast.Stmt, name string) bool {
	found := false
	ast.Inspect(block, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name && id.Pos() >= stmt.End() {
			found = true
		}
		return !found
	})
	return found
}
