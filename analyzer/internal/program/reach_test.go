package program

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"testing"

	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/callgraph/vta"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

const reachSrc = `package p

import "sync"

type shape interface{ area() int }

type square struct{}

func (square) area() int { return lazy() }

type circle struct{}

func (circle) area() int { return 0 }

var once sync.Once

func lazy() int {
	once.Do(func() { built() })
	return 0
}

func built() {}

func unused() { _ = shape(circle{}) }

func box[T any](v T) any { return []T{v} }

func Main() int {
	_ = box(1)
	var s shape = square{}
	return s.area()
}
`

// TestReachable checks what reachable keeps from Main: what it calls,
// the methods of what it converts to an interface, a closure that only
// a function without a body (sync.Once.Do) calls and what that calls,
// instances and not generic bodies; not what only dead code makes.
func TestReachable(t *testing.T) {
	pkg := buildPackage(t, "p", reachSrc)
	local := func(fn *ssa.Function) bool { return pkgPath(fn) == "p" }
	got := reachable(pkg.Prog, []*ssa.Function{pkg.Func("Main")}, local)
	var names []string
	for fn := range got {
		names = append(names, fn.String())
	}
	slices.Sort(names)
	want := []string{
		"(p.square).area",
		"p.Main",
		"p.box[int]",
		"p.built",
		"p.lazy",
		"p.lazy$1",
	}
	if !slices.Equal(names, want) {
		t.Errorf("reachable from Main:\n got %q\nwant %q", names, want)
	}
}

const typeGraphSrc = `package q

type shape interface{ area() int }

type square struct{}

func (square) area() int { return 1 }

type circle struct{}

func (circle) area() int { return 0 }

func a() {}
func b() {}

func call(f func()) { f() }

func measure(s shape) int { return s.area() }

func dead() { _ = shape(circle{}) }

var kept func()

func Main() int {
	kept = b
	call(a)
	return measure(square{})
}
`

// TestTypeGraph checks that typeGraph resolves an interface call to the
// methods of the types that reachable code converts (not circle, which
// only dead code makes), and a function value's call to every function
// of its signature whose value is made, where VTA sees only the one
// that flows there.
func TestTypeGraph(t *testing.T) {
	pkg := buildPackage(t, "q", typeGraphSrc)
	local := func(fn *ssa.Function) bool { return pkgPath(fn) == "q" }
	bodies := reachable(pkg.Prog, []*ssa.Function{pkg.Func("Main")}, local)
	callees := func(g *callgraph.Graph, caller string) []string {
		var names []string
		for _, e := range g.Nodes[pkg.Func(caller)].Out {
			names = append(names, e.Callee.Func.String())
		}
		slices.Sort(names)
		return names
	}
	for _, c := range []struct {
		caller    string
		rta, vtas []string
	}{
		{"measure", []string{"(q.square).area"}, []string{"(q.square).area"}},
		{"call", []string{"q.a", "q.b"}, []string{"q.a"}},
	} {
		if got := callees(typeGraph(pkg.Prog, bodies), c.caller); !slices.Equal(got, c.rta) {
			t.Errorf("typeGraph: %s calls %q, want %q", c.caller, got, c.rta)
		}
		if got := callees(vta.CallGraph(bodies, nil), c.caller); !slices.Equal(got, c.vtas) {
			t.Errorf("VTA: %s calls %q, want %q", c.caller, got, c.vtas)
		}
	}
}

// buildPackage returns the SSA form of package path, made of src alone.
func buildPackage(t *testing.T, path, src string) *ssa.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path+".go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage(path, path), []*ast.File{f}, ssa.InstantiateGenerics)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}
