package summary

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// Variant is the fact blockcheck exports for a function whose body
// only calls another of its package, or another method of its
// receiver, with context.Background() or context.TODO() and then its
// own parameters in order: func Save(u *User) error { return
// SaveContext(context.Background(), u) }. Name is that variant's name;
// a request root should call it with the request's context.
type Variant struct{ Name string }

// AFact marks Variant as an analysis fact.
func (*Variant) AFact() {}

// String returns "variant " and the variant's name, as tests expect.
func (v *Variant) String() string { return "variant " + v.Name }

// ExportVariants exports a Variant fact for each function of the
// package that is such a wrapper.
func ExportVariants(pass *analysis.Pass) {
	for fn, name := range Variants(pass.Files, pass.TypesInfo) {
		pass.ExportObjectFact(fn, &Variant{Name: name})
	}
}

// Variants returns, for each function declared in files that is such a
// wrapper, its variant's name: what the facts say, for whole-program
// mode, which has none.
func Variants(files []*ast.File, info *types.Info) map[*types.Func]string {
	variants := make(map[*types.Func]string)
	for _, file := range files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || len(fd.Body.List) != 1 {
				continue
			}
			fn, ok := info.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if name := variantCalled(info, fd, fn); name != "" {
				variants[fn] = name
			}
		}
	}
	return variants
}

// variantCalled returns the name of the function that fd's one
// statement calls with a background context and fd's parameters, or "".
func variantCalled(info *types.Info, fd *ast.FuncDecl, fn *types.Func) string {
	var call *ast.CallExpr
	switch s := fd.Body.List[0].(type) {
	case *ast.ReturnStmt:
		if len(s.Results) == 1 {
			call, _ = ast.Unparen(s.Results[0]).(*ast.CallExpr)
		}
	case *ast.ExprStmt:
		if fn.Signature().Results().Len() == 0 {
			call, _ = ast.Unparen(s.X).(*ast.CallExpr)
		}
	}
	if call == nil || len(call.Args) == 0 {
		return ""
	}
	var name *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		name = fun
	case *ast.SelectorExpr:
		recv, ok := fun.X.(*ast.Ident)
		if !ok || fd.Recv == nil || len(fd.Recv.List[0].Names) == 0 || info.Uses[recv] != info.Defs[fd.Recv.List[0].Names[0]] {
			return ""
		}
		name = fun.Sel
	}
	g, ok := info.Uses[name].(*types.Func)
	if !ok || g.Pkg() != fn.Pkg() || g == fn {
		return ""
	}
	bg, ok := ast.Unparen(call.Args[0]).(*ast.CallExpr)
	if !ok || givenName(info, bg) == "" {
		return ""
	}
	// The parameters, in order, as they are.
	var params []types.Object
	for _, field := range fd.Type.Params.List {
		for _, n := range field.Names {
			params = append(params, info.Defs[n])
		}
	}
	args := call.Args[1:]
	if len(args) != len(params) || fn.Signature().Variadic() != call.Ellipsis.IsValid() {
		return ""
	}
	for i, a := range args {
		id, ok := ast.Unparen(a).(*ast.Ident)
		if !ok || params[i] == nil || info.Uses[id] != params[i] {
			return ""
		}
	}
	if !types.Identical(g.Signature().Results(), fn.Signature().Results()) ||
		slices.ContainsFunc(params, func(p types.Object) bool { return p == nil }) {
		return ""
	}
	return g.Name()
}

// givenName returns "context.Background()" or "context.TODO()" if call
// is one of them, or "".
func givenName(info *types.Info, call *ast.CallExpr) string {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 0 {
		return ""
	}
	if fn, ok := info.Uses[sel.Sel].(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "context" {
		switch fn.Name() {
		case "Background", "TODO":
			return "context." + fn.Name() + "()"
		}
	}
	return ""
}
