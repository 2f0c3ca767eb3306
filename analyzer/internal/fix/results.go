package fix

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// carry returns the edits that wrap a call with several results, all
// assigned by as, carrying the results off offload's goroutine in a
// struct whose fields are named after the variables they go to:
//
//	a, b := f(x)       →  pair, errOffload := offload.Value(ctx, func() (v struct{ a, b int }) { v.a, v.b = f(x); return })
//	                      if errOffload != nil { … }
//	                      a, b := pair.a, pair.b
//	a, b, err := f(x)  →  pair, errOffload := offload.Do(ctx, func() (v struct{ a, b int }, err error) { v.a, v.b, err = f(x); return })
//	                      if offload.Rejected(errOffload) { … }
//	                      a, b, err := pair.a, pair.b, errOffload
//
// The last statement keeps the assignment's own operator and variables,
// blank ones left out, so it declares and assigns just what the
// original did. The goroutine writes only to its own results, never to
// the handler's variables: offload returns as soon as the request's
// context is done, while the call may still be running.
func (f *fixer) carry(as *ast.AssignStmt, block ast.Node, results *types.Tuple, ctx, off, call, operands string) ([]analysis.TextEdit, error) {
	n := results.Len()
	withErr := isError(results.At(n - 1).Type())
	values := n
	if withErr {
		values--
	}
	if values < 2 && !withErr || values < 1 {
		return nil, whyNot(fmt.Sprintf("the call returns %d results; offload carries one and an error", n))
	}
	v, errVar, err := f.closureNames()
	if err != nil {
		return nil, err
	}
	holder, err := f.freshName(as, f.resultName())
	if err != nil {
		return nil, err
	}
	errName, err := f.freshErr(block, as)
	if err != nil {
		return nil, err
	}
	var fields, inner, lhs, rhs []string
	var fieldTypes []types.Type
	for i, e := range as.Lhs {
		id, ok := e.(*ast.Ident)
		switch {
		case !ok:
			return nil, whyNot("the call's results are not assigned to plain variables")
		case i == values: // the call's error
			inner = append(inner, errVar)
			if id.Name != "_" {
				lhs, rhs = append(lhs, id.Name), append(rhs, errName)
			}
		case id.Name == "_":
			inner = append(inner, "_")
		case slices.Contains(fields, id.Name):
			return nil, whyNot("the call assigns two results to " + id.Name)
		default:
			fields, fieldTypes = append(fields, id.Name), append(fieldTypes, results.At(i).Type())
			inner = append(inner, v+"."+id.Name)
			lhs, rhs = append(lhs, id.Name), append(rhs, holder+"."+id.Name)
		}
	}
	if len(fields) == 0 {
		return nil, whyNot("the call's results other than its error are discarded")
	}
	indent := f.indent(as.Pos())
	st, decl, err := f.structType(as, f.resultName()+"Result", fields, fieldTypes)
	if err != nil {
		return nil, err
	}
	if decl != "" {
		operands += decl + "\n" + indent
	}
	onErr, err := f.onError(errName, off, indent)
	if err != nil {
		return nil, err
	}
	var wrapped, check string
	if withErr {
		wrapped = fmt.Sprintf("%s.Do(%s, func() (%s %s, %s error) { %s = %s; return })", off, ctx, v, st, errVar, strings.Join(inner, ", "), call)
		check = fmt.Sprintf("%s.Rejected(%s)", off, errName)
	} else {
		wrapped = fmt.Sprintf("%s.Value(%s, func() (%s %s) { %s = %s; return })", off, ctx, v, st, strings.Join(inner, ", "), call)
		check = errName + " != nil"
	}
	text := fmt.Sprintf("%s%s, %s := %s\n%sif %s {\n%s\n%s}\n%s%s %s %s",
		operands, holder, errName, wrapped, indent, check, onErr, indent,
		indent, strings.Join(lhs, ", "), as.Tok, strings.Join(rhs, ", "))
	return []analysis.TextEdit{{Pos: as.Pos(), End: as.End(), NewText: []byte(text)}}, nil
}

// closureNames returns the names of the results of carry's function
// literal: names that the call does not mention, which they would
// shadow.
func (f *fixer) closureNames() (v, err string, _ error) {
	mentioned := make(map[string]bool)
	ast.Inspect(f.call, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			mentioned[id.Name] = true
		}
		return true
	})
	pick := func(names ...string) string {
		for _, name := range names {
			if !mentioned[name] {
				return name
			}
		}
		return ""
	}
	v, err = pick("v", "res", "out"), pick("err", "callErr")
	if v == "" || err == "" {
		return "", "", whyNot("no free name for the call's results")
	}
	return v, err, nil
}

// structType spells a struct type with the given fields, those of one
// type grouped: struct{ a, b int }. Fields of several types, which
// gofmt would spread over lines in the middle of a function literal's
// signature, get a type declared before stmt, named name or name with
// a number; decl is that declaration.
func (f *fixer) structType(stmt ast.Stmt, name string, names []string, ts []types.Type) (typ, decl string, _ error) {
	var groups []string
	for i := 0; i < len(names); {
		j := i + 1
		for j < len(names) && types.Identical(ts[j], ts[i]) {
			j++
		}
		t, err := f.typeString(ts[i])
		if err != nil {
			return "", "", err
		}
		groups = append(groups, strings.Join(names[i:j], ", ")+" "+t)
		i = j
	}
	if len(groups) == 1 {
		return "struct{ " + groups[0] + " }", "", nil
	}
	name, err := f.freshName(stmt, name)
	if err != nil {
		return "", "", err
	}
	return name, "type " + name + " struct{ " + strings.Join(groups, "; ") + " }", nil
}
