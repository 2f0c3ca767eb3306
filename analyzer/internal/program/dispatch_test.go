package program

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/callgraph/vta"
	"golang.org/x/tools/go/ssa"
)

const libSrc = `package lib

type Options struct{ OnMiss func() }

var Hook func()

func Register(f func()) {}

func New(o Options) {}
`

const appSrc = `package app

import "lib"

var own []func()

func direct()  {}
func helped()  {}
func option()  {}
func global()  {}
func returned() {}
func kept()    {}

func register(f func()) { lib.Register(f) }

func pick() func() { return returned }

func Main() {
	lib.Register(direct)
	register(helped)
	lib.New(lib.Options{OnMiss: option})
	lib.Hook = global
	lib.Register(pick())
	own = append(own, kept, func() {})
}
`

// TestPassedInto checks which of an application's function values
// passedInto finds passed into a library: given to it directly, through
// a helper or a function's result, in an options struct or a
// package-level variable of the library; not one that only the
// application's own slice holds.
func TestPassedInto(t *testing.T) {
	fset := token.NewFileSet()
	prog := ssa.NewProgram(fset, ssa.InstantiateGenerics)
	imported := make(map[string]*types.Package)
	imp := importerFunc(func(path string) (*types.Package, error) {
		if p, ok := imported[path]; ok {
			return p, nil
		}
		return importer.Default().Import(path)
	})
	var pkgs []*ssa.Package
	for _, src := range []struct{ path, text string }{{"lib", libSrc}, {"app", appSrc}} {
		f, err := parser.ParseFile(fset, src.path+".go", src.text, 0)
		if err != nil {
			t.Fatal(err)
		}
		info := &types.Info{
			Types: make(map[ast.Expr]types.TypeAndValue), Defs: make(map[*ast.Ident]types.Object),
			Uses: make(map[*ast.Ident]types.Object), Implicits: make(map[ast.Node]types.Object),
			Selections: make(map[*ast.SelectorExpr]*types.Selection), Scopes: make(map[ast.Node]*types.Scope),
			Instances: make(map[*ast.Ident]types.Instance), FileVersions: make(map[*ast.File]string),
		}
		tp, err := (&types.Config{Importer: imp}).Check(src.path, fset, []*ast.File{f}, info)
		if err != nil {
			t.Fatal(err)
		}
		imported[src.path] = tp
		for _, dep := range tp.Imports() {
			if prog.Package(dep) == nil {
				prog.CreatePackage(dep, nil, nil, true)
			}
		}
		pkgs = append(pkgs, prog.CreatePackage(tp, []*ast.File{f}, info, true))
	}
	bodies := make(map[*ssa.Function]bool)
	for _, p := range pkgs {
		p.Build()
		for _, m := range p.Members {
			if fn, ok := m.(*ssa.Function); ok {
				bodies[fn] = true
				for _, anon := range fn.AnonFuncs {
					bodies[anon] = true
				}
			}
		}
	}
	modules := map[string]string{"lib": "example.com/lib", "app": "example.com/app"}
	d := newDispatcher(bodies, vta.CallGraph(bodies, nil), modules, map[string]bool{"example.com/app": true}, nil)
	app := pkgs[1]
	for name, want := range map[string]bool{
		"direct": true, "helped": true, "option": true, "global": true, "returned": true, "kept": false,
	} {
		if got := d.passedInto(app.Func(name), "example.com/lib"); got != want {
			t.Errorf("passedInto(%s) = %v, want %v", name, got, want)
		}
	}
	if d.passedInto(app.Func("Main").AnonFuncs[0], "example.com/lib") {
		t.Errorf("passedInto(Main$1) = true, want false")
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
