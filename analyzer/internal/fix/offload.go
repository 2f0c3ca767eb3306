package fix

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"
)

// wrap wraps the call with offload, in one of the shapes a handler
// writes it in:
//
//	f(x)                  →  if err := offload.Run(ctx, func() { f(x) }); err != nil { … }
//	v := f(x)             →  v, err := offload.Value(ctx, func() T { return f(x) }); if err != nil { … }
//	v, err := f(x)        →  v, err := offload.Do(ctx, func() (T, error) { return f(x) }); if offload.Rejected(err) { … }
//	return f(x)           →  return offload.Do(ctx, func() (T, error) { return f(x) })
//	g(f(x))               →  v, err := offload.Value(…); if err != nil { … }; g(v)
//
// where … answers the request in the framework's way: offload.WriteError
// and return for net/http, gin and fasthttp; return the error where the
// root returns one.
//
// The statement may be the init statement of an if or switch header,
// which For then moves out of the header ([fixer.splitHeader]).
func (f *fixer) wrap() (*analysis.SuggestedFix, error) {
	impure := f.pure(f.call)
	stmt, block, err := f.statement()
	if err != nil {
		if impure != nil {
			return nil, impure
		}
		return nil, err
	}
	callText, operands := f.text(f.call), ""
	if impure != nil {
		if callText, operands, err = f.hoistOperands(stmt); err != nil {
			return nil, impure
		}
	}
	ctx, err := f.requestContext()
	if err != nil {
		return nil, err
	}
	off, err := f.importName(OffloadPath, "offload")
	if err != nil {
		return nil, err
	}
	var edits []analysis.TextEdit
	sig, ok := f.pass.TypesInfo.TypeOf(f.call.Fun).Underlying().(*types.Signature)
	if !ok {
		return nil, whyNot("the call is not a function call")
	}
	results := sig.Results()
	indent := f.indent(stmt.Pos())

	msg := fmt.Sprintf("Run %s with offload", f.calleeName())

	// f(x), results unused.
	if es, ok := stmt.(*ast.ExprStmt); ok && ast.Unparen(es.X) == f.call {
		onErr, err := f.onError("err", off, indent)
		if err != nil {
			return nil, err
		}
		text := fmt.Sprintf("%sif err := %s.Run(%s, func() { %s }); err != nil {\n%s\n%s}", operands, off, ctx, callText, onErr, indent)
		edits = append(edits, analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(text)})
		return f.suggest(msg, edits...), nil
	}
	// The declarations of the hoisted operands come first; the generic
	// shape at the end inserts its own text at the same place.
	operandsEdit := func() {
		if operands != "" {
			edits = append(edits, analysis.TextEdit{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte(operands)})
		}
	}

	// return f(x), when the root returns what f returns, (T, error).
	if ret, ok := stmt.(*ast.ReturnStmt); ok && len(ret.Results) == 1 && ast.Unparen(ret.Results[0]) == f.call &&
		results.Len() == 2 && isError(results.At(1).Type()) && types.Identical(f.results, results) {
		operandsEdit()
		t, err := f.typeString(results.At(0).Type())
		if err != nil {
			return nil, err
		}
		text := fmt.Sprintf("%s.Do(%s, func() (%s, error) { return %s })", off, ctx, t, callText)
		edits = append(edits, analysis.TextEdit{Pos: f.call.Pos(), End: f.call.End(), NewText: []byte(text)})
		return f.suggest(msg, edits...), nil
	}

	// v, err := f(x) and v, err = f(x): the call already returns an
	// error that the code handles; offload's own errors need an answer
	// first.
	if as, ok := stmt.(*ast.AssignStmt); ok && len(as.Rhs) == 1 && ast.Unparen(as.Rhs[0]) == f.call &&
		results.Len() == 2 && len(as.Lhs) == 2 && isError(results.At(1).Type()) {
		errName := identName(as.Lhs[1])
		if errName == "" || errName == "_" {
			return nil, whyNot("the call's error is not kept in a variable")
		}
		t, err := f.typeString(results.At(0).Type())
		if err != nil {
			return nil, err
		}
		onErr, err := f.onError(errName, off, indent)
		if err != nil {
			return nil, err
		}
		operandsEdit()
		edits = append(edits,
			analysis.TextEdit{Pos: f.call.Pos(), End: f.call.End(), NewText: fmt.Appendf(nil, "%s.Do(%s, func() (%s, error) { return %s })", off, ctx, t, callText)},
			analysis.TextEdit{Pos: stmt.End(), End: stmt.End(), NewText: fmt.Appendf(nil, "\n%sif %s.Rejected(%s) {\n%s\n%s}", indent, off, errName, onErr, indent)},
		)
		return f.suggest(msg, edits...), nil
	}

	// v := f(x): one result, no error.
	if as, ok := stmt.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Rhs) == 1 && ast.Unparen(as.Rhs[0]) == f.call &&
		results.Len() == 1 && len(as.Lhs) == 1 {
		errName, err := f.freshErr(block, stmt)
		if err != nil {
			return nil, err
		}
		t, err := f.typeString(results.At(0).Type())
		if err != nil {
			return nil, err
		}
		onErr, err := f.onError(errName, off, indent)
		if err != nil {
			return nil, err
		}
		operandsEdit()
		edits = append(edits,
			analysis.TextEdit{Pos: as.Lhs[0].End(), End: as.Lhs[0].End(), NewText: []byte(", " + errName)},
			analysis.TextEdit{Pos: f.call.Pos(), End: f.call.End(), NewText: fmt.Appendf(nil, "%s.Value(%s, func() %s { return %s })", off, ctx, t, callText)},
			analysis.TextEdit{Pos: stmt.End(), End: stmt.End(), NewText: fmt.Appendf(nil, "\n%sif %s != nil {\n%s\n%s}", indent, errName, onErr, indent)},
		)
		return f.suggest(msg, edits...), nil
	}

	// a, b := f(x), a, b, err = f(x): the results travel in a struct.
	if as, ok := stmt.(*ast.AssignStmt); ok && len(as.Rhs) == 1 && ast.Unparen(as.Rhs[0]) == f.call &&
		results.Len() > 1 && len(as.Lhs) == results.Len() {
		carried, err := f.carry(as, block, results, ctx, off, callText, operands)
		if err != nil {
			return nil, err
		}
		return f.suggest(msg, append(edits, carried...)...), nil
	}

	if ret, ok := stmt.(*ast.ReturnStmt); ok && len(ret.Results) == 1 && ast.Unparen(ret.Results[0]) == f.call && results.Len() != 1 {
		return nil, whyNot("the call's results cannot be returned through offload")
	}

	// The call is part of a larger statement: hoist it into a local,
	// if that keeps the order in which the statement evaluates things.
	if results.Len() != 1 {
		return nil, whyNot(fmt.Sprintf("the call returns %d results; offload carries one and an error", results.Len()))
	}
	if err := f.hoistable(stmt); err != nil {
		return nil, err
	}
	name, err := f.freshName(stmt, f.resultName())
	if err != nil {
		return nil, err
	}
	errName, err := f.freshErr(block, stmt)
	if err != nil {
		return nil, err
	}
	t, err := f.typeString(results.At(0).Type())
	if err != nil {
		return nil, err
	}
	onErr, err := f.onError(errName, off, indent)
	if err != nil {
		return nil, err
	}
	hoisted := fmt.Sprintf("%s%s, %s := %s.Value(%s, func() %s { return %s })\n%sif %s != nil {\n%s\n%s}\n%s",
		operands, name, errName, off, ctx, t, callText, indent, errName, onErr, indent, indent)
	edits = append(edits,
		analysis.TextEdit{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte(hoisted)},
		analysis.TextEdit{Pos: f.call.Pos(), End: f.call.End(), NewText: []byte(name)},
	)
	return f.suggest(msg, edits...), nil
}

// onError returns the statements, indented one level below indent, that
// answer the request when err, the error from offload, is not nil.
func (f *fixer) onError(err, off, indent string) (string, error) {
	in := indent + "\t"
	results := f.results
	if results.Len() == 0 {
		if w := f.param(func(t types.Type) bool { return isNamed(t, "net/http", "ResponseWriter") }); w != "" {
			return fmt.Sprintf("%s%s.WriteError(%s, %s)\n%sreturn", in, off, w, err, in), nil
		}
		if c := f.param(func(t types.Type) bool { return isNamed(t, "github.com/gin-gonic/gin", "Context") }); c != "" {
			return fmt.Sprintf("%s%s.WriteError(%s.Writer, %s)\n%s%s.Abort()\n%sreturn", in, off, c, err, in, c, in), nil
		}
		if c := f.param(func(t types.Type) bool { return isNamed(t, "github.com/valyala/fasthttp", "RequestCtx") }); c != "" {
			return fmt.Sprintf("%s%s.SetStatusCode(%s.HTTPStatus(%s))\n%sreturn", in, c, off, err, in), nil
		}
		if c := f.param(func(t types.Type) bool { return isNamed(t, "github.com/cloudwego/hertz/pkg/app", "RequestContext") }); c != "" {
			return fmt.Sprintf("%s%s.AbortWithStatus(%s.HTTPStatus(%s))\n%sreturn", in, c, off, err, in), nil
		}
		// Any other parameter that is, or holds, the response writer:
		// go-restful's *restful.Response, iris's Context, a request
		// type of the application's own.
		if w := f.writer(); w != "" {
			return fmt.Sprintf("%s%s.WriteError(%s, %s)\n%sreturn", in, off, w, err, in), nil
		}
		return "", whyNot("there is no way to answer the request in " + f.name)
	}
	if !isError(results.At(results.Len() - 1).Type()) {
		return "", whyNot(f.name + " cannot return offload's error")
	}
	vals := make([]string, 0, results.Len())
	for i := range results.Len() - 1 {
		z, err := f.zero(results.At(i).Type())
		if err != nil {
			return "", err
		}
		vals = append(vals, z)
	}
	return fmt.Sprintf("%sreturn %s", in, strings.Join(append(vals, err), ", ")), nil
}

// writer returns an expression for the response writer from the first
// parameter of the function that is one or holds one, or "".
func (f *fixer) writer() string {
	for _, field := range f.fn.Params.List {
		if len(field.Names) == 0 {
			continue
		}
		name := field.Names[0]
		if name.Name == "_" || f.lookup(name.Name) != f.pass.TypesInfo.Defs[name] {
			continue
		}
		if sel, ok := writerSelector(f.pass.TypesInfo.TypeOf(field.Type), f.pass.Pkg); ok {
			return name.Name + sel
		}
	}
	return ""
}

// zero returns the zero value of t as an expression.
func (f *fixer) zero(t types.Type) (string, error) {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false", nil
		case u.Info()&types.IsString != 0:
			return `""`, nil
		case u.Info()&types.IsNumeric != 0:
			return "0", nil
		}
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return "nil", nil
	case *types.Struct, *types.Array:
		s, err := f.typeString(t)
		if err != nil {
			return "", err
		}
		return s + "{}", nil
	}
	return "", whyNot("no zero value to return for " + t.String())
}

// typeString spells t as the file can refer to it, recording the
// imports it needs.
func (f *fixer) typeString(t types.Type) (string, error) {
	if err := f.spellable(t); err != nil {
		return "", err
	}
	var failure error
	qualifier := func(p *types.Package) string {
		if p == f.pass.Pkg {
			return ""
		}
		if !importable(f.pass.Pkg.Path(), p.Path()) {
			failure = whyNot(fmt.Sprintf("the call returns a type of %s, which this package cannot import", p.Path()))
			return p.Name()
		}
		name, err := f.importName(p.Path(), p.Name())
		if err != nil && failure == nil {
			failure = err
		}
		return name
	}
	s := types.TypeString(t, qualifier)
	if failure != nil {
		return "", failure
	}
	return s, nil
}

// importable reports whether a package at from may import path: not
// through an internal directory it is outside of.
func importable(from, path string) bool {
	i := strings.LastIndex(path, "/internal/")
	switch {
	case i >= 0:
		return strings.HasPrefix(from, path[:i])
	case strings.HasPrefix(path, "internal/") || strings.HasSuffix(path, "/internal"):
		prefix := strings.TrimSuffix(path, "internal")
		return strings.HasPrefix(from, strings.TrimSuffix(prefix, "/"))
	}
	return true
}

func isError(t types.Type) bool { return types.Identical(t, types.Universe.Lookup("error").Type()) }

func identName(e ast.Expr) string {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// calleeName returns the called function's name as the source spells it.
func (f *fixer) calleeName() string {
	switch fun := ast.Unparen(f.call.Fun).(type) {
	case *ast.SelectorExpr:
		if x, ok := fun.X.(*ast.Ident); ok {
			return x.Name + "." + fun.Sel.Name
		}
		return fun.Sel.Name
	case *ast.Ident:
		return fun.Name
	}
	return "the call"
}

// resultName proposes a name for the call's result: the called
// function's name, starting in lower case ("Thumbnail" gives
// "thumbnail"), or "result".
func (f *fixer) resultName() string {
	name := f.calleeName()
	name = name[strings.LastIndexByte(name, '.')+1:]
	if name == "" || name == "the call" {
		return "result"
	}
	r := []rune(name)
	r[0] = unicode.ToLower(r[0])
	if token.IsKeyword(string(r)) || types.Universe.Lookup(string(r)) != nil {
		return "result"
	}
	return string(r)
}
