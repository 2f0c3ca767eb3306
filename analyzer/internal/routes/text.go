package routes

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// text returns the string that v, a path or method argument, holds:
// constants and their concatenations, with "?(expr)" for the rest.
func (f *finder) text(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value != nil && v.Value.Kind() == constant.String {
			return constant.StringVal(v.Value)
		}
	case *ssa.BinOp:
		if v.Op == token.ADD {
			return f.text(v.X) + f.text(v.Y)
		}
	case *ssa.ChangeType:
		return f.text(v.X)
	case *ssa.Parameter:
		if a := f.bound(v); a != v {
			return f.text(a)
		}
	}
	return unknown(v)
}

// field returns the text of the field name of v, a struct built by a
// composite literal: what the literal stores there.
func (f *finder) field(v ssa.Value, name string) string {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return unknown(v)
	}
	alloc, ok := load.X.(*ssa.Alloc)
	if !ok {
		return unknown(v)
	}
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.X != alloc {
			continue
		}
		if fv := fieldOf(alloc.Type(), fa.Field); fv == nil || fv.Name() != name {
			continue
		}
		for _, r := range *fa.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == fa {
				return f.text(st.Val)
			}
		}
	}
	return unknown(v)
}

// unknown returns "?(expr)", naming the expression that gives v.
func unknown(v ssa.Value) string {
	return "?(" + exprText(v, 2) + ")"
}

// exprText names the expression that gives v: a parameter, a global, a
// field, a call; "…" for the rest.
func exprText(v ssa.Value, depth int) string {
	if depth < 0 {
		return "…"
	}
	switch v := v.(type) {
	case *ssa.Parameter:
		return v.Name()
	case *ssa.FreeVar:
		return v.Name()
	case *ssa.Global:
		return v.Name()
	case *ssa.Alloc:
		if v.Comment != "" {
			return v.Comment // a local variable's name
		}
	case *ssa.Const:
		if v.Value == nil {
			return "nil"
		}
		return v.Value.ExactString()
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return exprText(v.X, depth)
		}
	case *ssa.FieldAddr:
		if field := fieldOf(v.X.Type(), v.Field); field != nil {
			return exprText(v.X, depth-1) + "." + field.Name()
		}
	case *ssa.Field:
		if field := fieldOf(v.X.Type(), v.Field); field != nil {
			return exprText(v.X, depth-1) + "." + field.Name()
		}
	case *ssa.MakeInterface:
		return exprText(v.X, depth)
	case *ssa.ChangeType:
		return exprText(v.X, depth)
	case *ssa.ChangeInterface:
		return exprText(v.X, depth)
	case *ssa.Phi:
		if v.Comment != "" {
			return v.Comment // a variable set on several paths
		}
	case *ssa.Call:
		if src := callSource(v); src != "" {
			return src
		}
		if callee := v.Call.StaticCallee(); callee != nil {
			return callee.Name() + "(…)"
		}
		if v.Call.IsInvoke() {
			return exprText(v.Call.Value, depth-1) + "." + v.Call.Method.Name() + "(…)"
		}
	case *ssa.Extract:
		return exprText(v.Tuple, depth)
	}
	return "…"
}

// maxSource bounds the source text that names an expression.
const maxSource = 60

// callSource returns the source text of the call v, shortened to
// maxSource characters; "" if it has no syntax.
func callSource(v *ssa.Call) string {
	fn := v.Parent()
	if fn == nil || fn.Syntax() == nil || !v.Pos().IsValid() {
		return ""
	}
	var found ast.Expr
	ast.Inspect(fn.Syntax(), func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == v.Pos() {
			found = call
		}
		return found == nil
	})
	if found == nil {
		return ""
	}
	src := types.ExprString(found)
	if r := []rune(src); len(r) > maxSource {
		src = string(r[:maxSource-1]) + "…"
	}
	return src
}

// variadic returns the elements of a slice that a variadic call
// builds, in order; nil if v is not such a slice.
func variadic(v ssa.Value) []ssa.Value {
	sl, ok := v.(*ssa.Slice)
	if !ok {
		return nil
	}
	alloc, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var elems []ssa.Value
	for _, ref := range *alloc.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		c, ok := ia.Index.(*ssa.Const)
		if !ok {
			return nil
		}
		i, ok := constant.Int64Val(constant.ToInt(c.Value))
		if !ok {
			return nil
		}
		for _, r := range *ia.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == ia {
				for int64(len(elems)) <= i {
					elems = append(elems, nil)
				}
				elems[i] = st.Val
			}
		}
	}
	if slices.Contains(elems, nil) {
		return nil
	}
	return elems
}
