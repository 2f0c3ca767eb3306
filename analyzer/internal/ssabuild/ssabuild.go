// Package ssabuild builds the SSA form of the package under analysis,
// and lists the functions of a built package in source order.
//
// It does what golang.org/x/tools/go/analysis/passes/buildssa does,
// with two differences that matter to blockcheck: generic functions are
// instantiated, so calls through type parameters resolve to concrete
// methods, and nothing is required of dependencies, so a package that
// needs no SSA pays nothing for it.
package ssabuild

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Build builds the SSA form of pass's package and returns its source
// functions in source order, each followed by the function literals it
// contains.
func Build(pass *analysis.Pass) []*ssa.Function {
	prog := ssa.NewProgram(pass.Fset, ssa.InstantiateGenerics)
	for _, imp := range pass.Pkg.Imports() {
		prog.CreatePackage(imp, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	return SourceFuncs(pkg, pass.Files, pass.TypesInfo)
}

// SourceFuncs returns the functions of the built package pkg, declared
// in files, in source order, each followed by the function literals it
// contains; then the literals in package-level initialisers.
func SourceFuncs(pkg *ssa.Package, files []*ast.File, info *types.Info) []*ssa.Function {
	var funcs []*ssa.Function
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		funcs = append(funcs, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	for _, file := range files {
		for _, decl := range file.Decls {
			decl, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := info.Defs[decl.Name].(*types.Func)
			if !ok {
				continue
			}
			if fn := pkg.Prog.FuncValue(obj); fn != nil {
				add(fn)
			}
		}
	}
	// Function literals in package-level variable initialisers belong
	// to the package's init function.
	if init := pkg.Func("init"); init != nil {
		for _, anon := range init.AnonFuncs {
			add(anon)
		}
	}
	return funcs
}
