package program

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

const bodiesSrc = `package p

func plain() func() {
	return func() {
		go func() {}()
	}
}

func generic[T any](v T) T { return v }

type box[T any] struct{ v T }

func (b box[T]) get() T { return b.v }

type flat struct{}

func (flat) get() int { return 0 }
`

// TestDropBodies checks that dropBodies drops the bodies of plain
// functions and methods and of the literals in them, nested ones too,
// and keeps those of generic functions and of methods of generic types,
// with their type information alone.
func TestDropBodies(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", bodiesSrc, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object), Uses: make(map[*ast.Ident]types.Object)}
	if _, err := new(types.Config).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	var lits []*ast.FuncLit
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok {
			lits = append(lits, lit)
		}
		return true
	})
	if len(lits) != 2 {
		t.Fatalf("found %d function literals, want 2", len(lits))
	}
	dropBodies([]*ast.File{f}, info)
	kept := map[string]bool{"plain": false, "generic": true, "box[T].get": true, "flat.get": false}
	for _, decl := range f.Decls {
		decl, ok := decl.(*ast.FuncDecl)
		if !ok {
			continue
		}
		name := decl.Name.Name
		if decl.Recv != nil {
			name = types.ExprString(decl.Recv.List[0].Type) + "." + name
		}
		if want := kept[name]; (decl.Body != nil) != want {
			t.Errorf("%s: body kept %v, want %v", name, decl.Body != nil, want)
		}
	}
	for id := range info.Uses {
		if line := fset.Position(id.Pos()).Line; line < 9 || line > 13 {
			t.Errorf("type information kept for %s at line %d, outside the generic functions", id.Name, line)
		}
	}
	if len(info.Uses) == 0 {
		t.Error("type information of the generic functions dropped")
	}
	for i, lit := range lits {
		if lit.Body != nil {
			t.Errorf("function literal %d: body kept", i)
		}
	}
}
