package program

import (
	"errors"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

const indexDepSrc = `package dep

import "fmt"

type Shape interface{ Area() int }

type Square struct{}

func (Square) Area() int { return side() }

func side() int { return 1 }

type Circle struct{}

func (Circle) Area() int { return 0 }

func (Circle) Radius() int { return 0 }

type Hidden struct{}

func (*Hidden) Area() int { return 0 }

var _ Shape = (*Hidden)(nil)

type Wrapped struct{ *Inner }

type Inner struct{}

func (*Inner) Area() int { return 0 }

func Callback() {}

func Unused() { fmt.Println(Circle{}) }

var debug = false

func setDebug() { debug = true }

func Map[T any](x T) any { return x }

type Named struct{}

func (Named) String() string { return "" }

func UseCircle() int { return Circle{}.Radius() }

func Wrap() Shape { return &Wrapped{} }
`

const indexAppSrc = `package app

import "dep"

func Run() int {
	var sh dep.Shape = dep.Square{}
	register(dep.Callback)
	_ = dep.Map(dep.Named{})
	return sh.Area() + dep.UseCircle() + dep.Wrap().Area()
}

func register(func()) {}
`

// indexKept is what the index keeps of dep, by function, and drops.
var indexKept = map[string]bool{
	"Square.Area":   true,  // converted to an interface
	"side":          true,  // called by a function kept
	"Circle.Area":   false, // Circle is never converted
	"Circle.Radius": true,  // called
	"Hidden.Area":   false, // only stored to a blank variable
	"Inner.Area":    true,  // promoted by Wrapped, converted
	"Callback":      true,  // its value is passed
	"Unused":        false, // nothing calls it
	"setDebug":      true,  // assigns a package-level bool
	"Map":           true,  // generic
	"Named.String":  true,  // a type argument
	"UseCircle":     true,
	"Wrap":          true,
}

// checkSource type-checks src as the package path, with imports from
// pkgs or the standard library, and returns its syntax and types.
func checkSource(t *testing.T, fset *token.FileSet, path, src string, pkgs map[string]*types.Package, trim func(*ast.File)) (*ast.File, *types.Package, *types.Info) {
	t.Helper()
	f, err := parser.ParseFile(fset, path+".go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	if trim != nil {
		trim(f)
	}
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Implicits:  make(map[ast.Node]types.Object),
		Instances:  make(map[*ast.Ident]types.Instance),
		Scopes:     make(map[ast.Node]*types.Scope),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
	}
	std := importer.Default()
	cfg := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if p := pkgs[path]; p != nil {
				return p, nil
			}
			return std.Import(path)
		}),
		Error: func(err error) {
			var terr types.Error
			if errors.As(err, &terr) && !strings.Contains(terr.Msg, "imported and not used") {
				t.Errorf("%s: %v", path, err)
			}
		},
	}
	pkg, _ := cfg.Check(path, fset, []*ast.File{f}, info)
	return f, pkg, info
}

// declName names decl as indexKept does.
func declName(decl *ast.FuncDecl) string {
	if decl.Recv != nil {
		return recvName(decl.Recv) + "." + decl.Name.Name
	}
	return decl.Name.Name
}

// TestIndexTrim checks what an index of dep and app, app under
// analysis, keeps of dep's functions (see indexKept), that Trim drops
// the bodies of the others, and that once dep is checked again from
// the trimmed syntax, with its import of fmt unused, the functions
// dropped have no SSA body and those kept have one.
func TestIndexTrim(t *testing.T) {
	fset := token.NewFileSet()
	ix := NewIndex()
	depFile, depPkg, depInfo := checkSource(t, fset, "dep", indexDepSrc, nil, nil)
	appFile, appPkg, appInfo := checkSource(t, fset, "app", indexAppSrc, map[string]*types.Package{"dep": depPkg}, nil)
	if err := ix.Add(&packages.Package{PkgPath: "dep", Types: depPkg}, []*ast.File{depFile}, depInfo); err != nil {
		t.Fatal(err)
	}
	app := &packages.Package{PkgPath: "app", Types: appPkg, Syntax: []*ast.File{appFile}}
	if err := ix.Add(app, app.Syntax, appInfo); err != nil {
		t.Fatal(err)
	}

	// The second pass.
	fset = token.NewFileSet()
	var trimmed bool
	dep := &packages.Package{PkgPath: "dep"}
	depFile, dep.Types, depInfo = checkSource(t, fset, "dep", indexDepSrc, nil, func(f *ast.File) {
		trimmed = ix.Trim(dep, []*ast.File{f})
	})
	if !trimmed {
		t.Error("Trim reports that it dropped no body")
	}
	var funcs []string
	for _, decl := range depFile.Decls {
		decl, ok := decl.(*ast.FuncDecl)
		if !ok {
			continue
		}
		name := declName(decl)
		funcs = append(funcs, name)
		if want, ok := indexKept[name]; !ok {
			t.Errorf("%s: not in indexKept", name)
		} else if kept := decl.Body != nil; kept != want {
			t.Errorf("%s: body kept %v, want %v", name, kept, want)
		}
	}
	if len(funcs) != len(indexKept) {
		t.Errorf("dep declares %q, not all of indexKept", funcs)
	}
	b := NewBuilder(fset)
	added := make(map[*types.Package]bool)
	var addImports func(pkg *types.Package)
	addImports = func(pkg *types.Package) {
		for _, imp := range pkg.Imports() {
			if !added[imp] {
				added[imp] = true
				addImports(imp)
				if err := b.Add(&packages.Package{PkgPath: imp.Path(), Types: imp}, nil, nil); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	addImports(dep.Types)
	if err := b.Add(dep, []*ast.File{depFile}, depInfo); err != nil {
		t.Fatal(err)
	}
	sp := b.prog.Package(dep.Types)
	for _, name := range []string{"Unused", "UseCircle"} {
		fn := sp.Func(name)
		if has, want := len(fn.Blocks) > 0, indexKept[name]; has != want {
			t.Errorf("%s: SSA body %v, want %v", name, has, want)
		}
	}
}

// TestIndexSeeds checks that a package under analysis keeps all its
// functions, and that a dependency keeps its initialisation and what
// that uses, and nothing that only an unused function does.
func TestIndexSeeds(t *testing.T) {
	fset := token.NewFileSet()
	ix := NewIndex()
	const lib = `package lib

var table = map[string]func(){"a": fromInit}

func init() { fromInitFunc() }

func fromInit()     {}
func fromInitFunc() {}
func orphan()       { _ = table }
`
	f, pkg, info := checkSource(t, fset, "lib", lib, nil, nil)
	if err := ix.Add(&packages.Package{PkgPath: "lib", Types: pkg}, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	const main = `package main

func helper() {}
`
	mf, mpkg, minfo := checkSource(t, fset, "main", main, nil, nil)
	if err := ix.Add(&packages.Package{PkgPath: "main", Types: mpkg, Syntax: []*ast.File{mf}}, []*ast.File{mf}, minfo); err != nil {
		t.Fatal(err)
	}
	var got []string
	for key := range ix.reached() {
		got = append(got, key)
	}
	slices.Sort(got)
	want := []string{"lib.fromInit", "lib.fromInitFunc", "lib.init", "main.helper", "main.init"}
	if !slices.Equal(got, want) {
		t.Errorf("kept %q, want %q", got, want)
	}
}

// TestEmptyConstantLiterals checks that the literals of basic literals
// only are emptied, nested ones too, and not one whose elements decide
// its type's length, nor one with other elements.
func TestEmptyConstantLiterals(t *testing.T) {
	const src = `package p

var (
	desc   = []byte{0x0a, 0x0b, -1}
	table  = map[string]int{"a": 1, "b": +2}
	nested = [][]byte{{1, 2}, {3}}
	sized  = [...]byte{1, 2, 3}
	named  = struct{ A int }{A: 1}
	mixed  = []int{1, len("x")}
)
`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	if !emptyConstantLiterals(f.Decls[0].(*ast.GenDecl)) {
		t.Error("emptyConstantLiterals reports that it emptied nothing")
	}
	// The elements left in each literal, outer ones first.
	want := map[string][]int{
		"desc":   {0},
		"table":  {0},
		"nested": {2, 0, 0},
		"sized":  {3},
		"named":  {1},
		"mixed":  {2},
	}
	for _, spec := range f.Decls[0].(*ast.GenDecl).Specs {
		spec := spec.(*ast.ValueSpec)
		var got []int
		ast.Inspect(spec.Values[0], func(n ast.Node) bool {
			if lit, ok := n.(*ast.CompositeLit); ok {
				got = append(got, len(lit.Elts))
			}
			return true
		})
		if name := spec.Names[0].Name; !slices.Equal(got, want[name]) {
			t.Errorf("%s: elements left %v, want %v", name, got, want[name])
		}
	}
}
