package stream

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"
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

// TestFilesHash checks what a package's files contribute to its key:
// the content of the module's own files; the size and modification
// time of a vendored module version's; the name alone of a file in the
// module cache, which is read-only and named by module version.
func TestFilesHash(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string, mtime time.Time) string {
		t.Helper()
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return path
	}
	then := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	dep := &packages.Module{Path: "example.com/dep", Version: "v1.0.0"}
	for _, tc := range []struct {
		name   string
		file   string
		module *packages.Module
		// whether each edit changes the hash: the same size and
		// modification time, another size, another time
		content, size, mtime bool
	}{
		{"own", "m/own/own.go", &packages.Module{Path: "m", Main: true}, true, true, false},
		{"vendored", "m/vendor/example.com/dep/dep.go", dep, false, true, true},
		{"module cache", "modcache/example.com/dep@v1.0.0/dep.go", dep, false, false, false},
	} {
		r := &runner{modCache: filepath.Join(dir, "modcache") + string(filepath.Separator)}
		hash := func(content string, mtime time.Time) string {
			path := write(tc.file, content, mtime)
			r.hashed = make(map[string][]byte) // a new run
			return fmt.Sprintf("%x", r.filesHash(&packages.Package{Module: tc.module, GoFiles: []string{path}}))
		}
		base := hash("package p\n", then)
		for _, edit := range []struct {
			what    string
			changes bool
			hash    string
		}{
			{"content", tc.content, hash("package q\n", then)},
			{"size", tc.size, hash("package pp\n", then)},
			{"time", tc.mtime, hash("package p\n", then.Add(time.Second))},
		} {
			if changed := edit.hash != base; changed != edit.changes {
				t.Errorf("%s file, an edit of its %s: hash changed %t, want %t", tc.name, edit.what, changed, edit.changes)
			}
		}
	}
}
