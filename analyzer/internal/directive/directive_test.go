package directive

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

// TestJoin checks that the sets of two files, joined, hold what the set
// of both holds: every directive in order, the lines ignored and the
// directives of functions.
func TestJoin(t *testing.T) {
	fset := token.NewFileSet()
	var files []*ast.File
	for name, src := range map[string]string{
		"a.go": "package p\n\n//blockcheck:heavy hashes\nfunc a() {}\n\nfunc b() {\n\t//blockcheck:ignore measured\n\tb()\n}\n",
		"b.go": "package p\n\n//blockcheck:ignore\nfunc c() {}\n\nfunc d() {\n\td() //blockcheck:ignore once\n}\n",
	} {
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	want := Parse(fset, files)
	got := Join(fset, []*Set{Parse(fset, files[:1]), Parse(fset, files[1:])})
	if len(got.All()) != 4 || len(got.All()) != len(want.All()) {
		t.Fatalf("joined %d directives, want 4 as parsed together: %d", len(got.All()), len(want.All()))
	}
	for i, d := range want.All() {
		if got.All()[i] != d && *got.All()[i] != *d {
			t.Errorf("directive %d: got %+v, want %+v", i, got.All()[i], d)
		}
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			fd := decl.(*ast.FuncDecl)
			for _, kind := range []Kind{Ignore, Heavy} {
				if g, w := got.OnFunc(fd, kind), want.OnFunc(fd, kind); (g == nil) != (w == nil) {
					t.Errorf("%s: directive %s %v, want %v", fd.Name.Name, kind, g, w)
				}
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok && (got.IgnoredAt(call.Pos()) == nil) != (want.IgnoredAt(call.Pos()) == nil) {
					t.Errorf("%s: call at %s ignored %v, want %v", fd.Name.Name, fset.Position(call.Pos()), got.IgnoredAt(call.Pos()), want.IgnoredAt(call.Pos()))
				}
				return true
			})
		}
	}
	if !got.HasHeavy() {
		t.Error("joined set has no heavy directive")
	}
}
