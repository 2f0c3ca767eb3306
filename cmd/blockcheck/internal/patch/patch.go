// Package patch turns the suggested fixes of findings into new file
// contents: it merges the edits of independent fixes, skips a fix that
// conflicts with those merged before it or edits a generated file,
// formats each fixed file, and shows a change as a unified diff.
//
// It merges and formats as the go/analysis drivers do (x/tools'
// checker and unitchecker), so that blockcheck -fix and go vet -fix
// write the same bytes: each fix is merged atop the edits of the fixes
// before it, identical edits coalescing and overlapping ones
// conflicting; a fixed file is formatted as gofmt does, with the
// imports the fixes left unused removed. One deliberate difference: a
// file that was not gofmt-formatted before is not reformatted, so that
// a fix changes only what it edits.
package patch

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"maps"
	"os"
	"slices"
	"strconv"

	udiff "github.com/aymanbagabas/go-udiff"
	"golang.org/x/tools/go/ast/astutil"
)

// A Fix is a suggested fix: edits to apply all together or not at all.
type Fix struct {
	// Message says what the fix does.
	Message string
	// Edits are the fix's edits, in any order; those of one file must
	// not overlap.
	Edits []Edit
	// Names gives the name of each package that the fix's package
	// imports, directly or not, by import path: the imports a fix may
	// leave unused are found by name. Nil to remove none.
	Names map[string]string
}

// An Edit replaces the bytes Start to End of a file with New.
type Edit struct {
	File       string // path of the file
	Size       int    // of the file when it was analysed
	Start, End int    // byte offsets
	New        string
}

// A Change is the new content of one file.
type Change struct {
	File     string
	Old, New []byte
}

// A Skip is a fix that was not applied, and why.
type Skip struct {
	Index  int // in the fixes given to [Merge]
	Reason string
}

// Merge merges fixes, in order, and returns the resulting change of
// each file they edit, sorted by file name, and the fixes it skipped:
// those that conflict with a fix before them, edit a generated file or
// a file that cannot be read. It returns an error if a file's size
// differs from its size when it was analysed: the file has changed
// since, and its fixes would land in the wrong places.
func Merge(fixes []Fix) ([]Change, []Skip, error) {
	content := make(map[string][]byte) // original content of each file read
	unreadable := make(map[string]error)
	generated := make(map[string]bool)
	merged := make(map[string][]udiff.Edit) // sorted, non-overlapping
	namesOf := make(map[string]map[string]string)
	var skipped []Skip
fixes:
	for i, fix := range fixes {
		byFile := make(map[string][]udiff.Edit)
		for _, e := range fix.Edits {
			if _, ok := content[e.File]; !ok && unreadable[e.File] == nil {
				data, err := os.ReadFile(e.File)
				switch {
				case err != nil:
					unreadable[e.File] = err
				case len(data) != e.Size:
					return nil, nil, fmt.Errorf("%s changed during the analysis (%d bytes, now %d); not fixing anything", e.File, e.Size, len(data))
				default:
					content[e.File] = data
					generated[e.File] = isGenerated(data)
				}
			}
			if err := unreadable[e.File]; err != nil {
				skipped = append(skipped, Skip{i, err.Error()})
				continue fixes
			}
			if generated[e.File] {
				skipped = append(skipped, Skip{i, "it edits a generated file"})
				continue fixes
			}
			byFile[e.File] = append(byFile[e.File], udiff.Edit{Start: e.Start, End: e.End, New: e.New})
		}
		next := make(map[string][]udiff.Edit, len(byFile))
		for file, edits := range byFile {
			// As a three-way merge would: identical edits coalesce, and
			// different edits of the same bytes conflict.
			udiff.SortEdits(edits)
			m, ok := udiff.Merge(merged[file], edits)
			if !ok {
				skipped = append(skipped, Skip{i, "it conflicts with a fix applied before it; run -fix again to apply it"})
				continue fixes
			}
			next[file] = m
		}
		for file, edits := range next {
			merged[file] = edits
			namesOf[file] = fix.Names
		}
	}

	var changes []Change
	for _, file := range slices.Sorted(maps.Keys(merged)) {
		old := content[file]
		fixed, err := udiff.ApplyBytes(old, merged[file])
		if err != nil {
			return nil, nil, fmt.Errorf("fixing %s: %w", file, err)
		}
		if formatted(old) {
			if out, err := formatRemovingImports(namesOf[file], fixed); err == nil {
				fixed = out
			}
		}
		if !bytes.Equal(old, fixed) {
			changes = append(changes, Change{File: file, Old: old, New: fixed})
		}
	}
	return changes, skipped, nil
}

// isGenerated reports whether the Go source src says it is generated.
func isGenerated(src []byte) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.PackageClauseOnly|parser.ParseComments)
	return err == nil && ast.IsGenerated(f)
}

// formatted reports whether src is gofmt-formatted.
func formatted(src []byte) bool {
	out, err := format.Source(src)
	return err == nil && bytes.Equal(out, src)
}

// printerNormalizeNumbers is go/printer's undocumented mode that gofmt
// uses to canonicalise number literals (go/format defines it too).
const printerNormalizeNumbers printer.Mode = 1 << 30

// formatRemovingImports formats src as gofmt does, after removing the
// imports that no longer name a package the file refers to. names gives
// the names of the packages that the file may import without naming
// them; an import of another package is kept (a fix added it).
func formatRemovingImports(names map[string]string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "fixed.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	ast.SortImports(fset, file)
	if names != nil {
		removeUnusedImports(fset, names, file)
	}
	cfg := &printer.Config{Mode: printer.UseSpaces | printer.TabIndent | printerNormalizeNumbers, Tabwidth: 8}
	var buf bytes.Buffer
	if err := cfg.Fprint(&buf, fset, file); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// removeUnusedImports removes the imports of file whose name the file
// no longer uses as the operand of a selector (pkg.Name), which is the
// only way to use a package name. Blank and dot imports stay, as does
// an import of a package that names lacks: its name is unknown without
// loading it. A local variable that shadows a package name keeps its
// import, which the compiler then reports.
func removeUnusedImports(fset *token.FileSet, names map[string]string, file *ast.File) {
	used := make(map[string]bool)
	for _, decl := range file.Decls {
		if gen, ok := decl.(*ast.GenDecl); ok && gen.Tok == token.IMPORT {
			continue
		}
		ast.Inspect(decl, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok {
					used[id.Name] = true
				}
			}
			return true
		})
	}
	type named struct{ name, path string }
	var unused []named
	for _, spec := range file.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		explicit := ""
		if spec.Name != nil {
			explicit = spec.Name.Name
		}
		name := cmp.Or(explicit, names[path])
		if name == "" || name == "_" || name == "." || used[name] {
			continue
		}
		unused = append(unused, named{explicit, path})
	}
	for _, u := range unused {
		astutil.DeleteNamedImport(fset, file, u.name, u.path)
	}
}
