package program

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"testing"

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
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", reachSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.InstantiateGenerics)
	if err != nil {
		t.Fatal(err)
	}
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
