package stream

import (
	"go/parser"
	"go/token"
	"testing"
)

// TestLineDirectives checks that a file rebuilt from its line table and
// lineDirectives gives every offset the position the parsed file gives
// it: line directives with a column, without one, to the same file and
// back, as cgo and goyacc write them.
func TestLineDirectives(t *testing.T) {
	const src = `package p

//line /src/c.go:8:6
func Two() int { return 2 }

func Three() int { return 3 }
//line /src/parser.y:40
func yyParse() {
	_ = 1
}
//line /tmp/x/gen.go:11
var v = 1
//line /src/c.go:20:1
var w = 2
`
	for _, src := range []string{src, "package p\n\nvar x = 1\n", "//line /a.go:3:4\npackage p\n"} {
		fset := token.NewFileSet()
		if _, err := parser.ParseFile(fset, "/tmp/x/gen.go", src, 0); err != nil {
			t.Fatal(err)
		}
		var f *token.File
		fset.Iterate(func(tf *token.File) bool { f = tf; return false })
		rebuilt := token.NewFileSet().AddFile(f.Name(), -1, f.Size())
		rebuilt.SetLines(f.Lines())
		for _, l := range lineDirectives(f) {
			rebuilt.AddLineColumnInfo(l.Offset, l.Filename, l.Line, l.Column)
		}
		for offset := range f.Size() {
			want := f.PositionFor(f.Pos(offset), true)
			if got := rebuilt.PositionFor(rebuilt.Pos(offset), true); got != want {
				t.Errorf("offset %d: %v, want %v", offset, got, want)
			}
		}
	}
}
