package summary

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"testing"
)

// TestSyntaxRead checks that reading files one at a time gives what
// reading them together does: the heads of plain, chained, go and defer
// calls, and the receives that are a select's sole case.
func TestSyntaxRead(t *testing.T) {
	fset := token.NewFileSet()
	var files []*ast.File
	for i, src := range []string{
		"package p\n\nfunc f(ch chan int) {\n\tg().h()\n\tgo g()\n\tselect {\n\tcase <-ch:\n\t}\n}\n",
		"package p\n\nfunc g() x {\n\tdefer println()\n\treturn x{}\n}\n",
	} {
		f, err := parser.ParseFile(fset, string(rune('a'+i))+".go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	want := ReadSyntax(files)
	var got Syntax
	for _, f := range files {
		got.Read([]*ast.File{f})
	}
	if len(want.heads) != 6 || len(want.soleCases) != 1 {
		t.Fatalf("read %d heads and %d sole cases together, want 6 and 1", len(want.heads), len(want.soleCases))
	}
	if !maps.Equal(got.heads, want.heads) || !maps.Equal(got.soleCases, want.soleCases) {
		t.Errorf("read one at a time: %v %v, want %v %v", got.heads, got.soleCases, want.heads, want.soleCases)
	}
}
