package stream_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/cache"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/stream"
)

// depth is a fact: how many calls a function is from a function named
// Leaf, following static calls across packages.
type depth struct{ N int }

func (*depth) AFact() {}

func (d *depth) String() string { return fmt.Sprint("depth ", d.N) }

// newDepthAnalyzer returns an analyzer that exports a depth fact for
// each function that calls Leaf or a function with a fact, reports each
// such function, and records the packages it ran on.
func newDepthAnalyzer(ran *[]string, mu *sync.Mutex) *analysis.Analyzer {
	a := &analysis.Analyzer{Name: "depth", Doc: "test", FactTypes: []analysis.Fact{new(depth)}}
	a.Run = func(pass *analysis.Pass) (any, error) {
		mu.Lock()
		*ran = append(*ran, pass.Pkg.Path())
		mu.Unlock()
		for _, f := range pass.Files {
			for _, decl := range f.Decls {
				fn, ok := decl.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				best := 0
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					var id *ast.Ident
					switch fun := call.Fun.(type) {
					case *ast.Ident:
						id = fun
					case *ast.SelectorExpr:
						id = fun.Sel
					}
					if id == nil {
						return true
					}
					obj := pass.TypesInfo.Uses[id]
					var d depth
					switch {
					case obj == nil:
					case obj.Name() == "Leaf":
						best = max(best, 1)
					case pass.ImportObjectFact(obj, &d):
						best = max(best, d.N+1)
					}
					return true
				})
				if best > 0 {
					pass.ExportObjectFact(pass.TypesInfo.Defs[fn.Name], &depth{best})
					pass.Reportf(fn.Name.Pos(), "%s: depth %d", fn.Name.Name, best)
				}
			}
		}
		return nil, nil
	}
	return a
}

// writeModule writes a module named m with the given files into a new
// directory and changes into it for the rest of the test.
func writeModule(t *testing.T, files map[string]string) {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module m\n\ngo 1.26\n"
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
}

func TestFactsFlowInDependencyOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	writeModule(t, map[string]string{
		"leaf/leaf.go":     "package leaf\n\nfunc Leaf() {}\n",
		"mid/mid.go":       "package mid\n\nimport \"m/leaf\"\n\nfunc Mid() { leaf.Leaf() }\n",
		"mid/mid_test.go":  "package mid\n\nimport \"testing\"\n\nfunc TestMid(t *testing.T) { Mid() }\n",
		"top/top.go":       "package top\n\nimport (\n\t\"strings\"\n\n\t\"m/mid\"\n)\n\nfunc Top() string { mid.Mid(); return strings.ToUpper(\"x\") }\n",
		"skipped/skip.go":  "package skipped\n\nimport \"m/leaf\"\n\nfunc Skipped() { leaf.Leaf() }\n",
		"top/top2/top2.go": "package top2\n\nimport \"m/top\"\n\nfunc Top2() { _ = top.Top() }\n",
	})
	var ran []string
	var mu sync.Mutex
	cfg := stream.Config{
		Analyzer: newDepthAnalyzer(&ran, &mu),
		Tests:    true,
		Skip: func(dir string) bool {
			return filepath.Base(dir) == "skipped" || strings.HasPrefix(dir, build.Default.GOROOT)
		},
	}
	fset, results, err := stream.Run(cfg, "./top/...", "./mid")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, res := range results {
		if res.Err != nil {
			t.Errorf("%s: %v", res.Package.ID, res.Err)
		}
		for _, d := range res.Diagnostics {
			got = append(got, fmt.Sprintf("%s %s:%d %s", res.Package.ID, filepath.Base(fset.Position(d.Pos).Filename), fset.Position(d.Pos).Line, d.Message))
		}
	}
	slices.Sort(got)
	want := []string{
		"m/mid [m/mid.test] mid.go:5 Mid: depth 1",
		"m/mid [m/mid.test] mid_test.go:5 TestMid: depth 2",
		"m/mid mid.go:5 Mid: depth 1",
		"m/top top.go:9 Top: depth 2",
		"m/top/top2 top2.go:5 Top2: depth 3",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// leaf is analysed for its facts; skipped packages and
	// packages nothing imports are not.
	slices.Sort(ran)
	for _, path := range ran {
		if path == "m/skipped" || path == "strings" {
			t.Errorf("analysed %s, which should be skipped", path)
		}
	}
	if !slices.Contains(ran, "m/leaf") {
		t.Errorf("analysed %v; want m/leaf among them", ran)
	}
}

// TestVisit checks that Visit sees every package after the packages it
// imports, a skipped one without syntax, and an error of its makes the
// package broken; and that the packages that match keep their syntax
// and type information.
func TestVisit(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	writeModule(t, map[string]string{
		"leaf/leaf.go": "package leaf\n\nfunc Leaf() {}\n",
		"mid/mid.go":   "package mid\n\nimport (\n\t\"strings\"\n\n\t\"m/leaf\"\n)\n\nfunc Mid() string { leaf.Leaf(); return strings.ToUpper(\"x\") }\n",
		"top/top.go":   "package top\n\nimport \"m/mid\"\n\nfunc Top() { mid.Mid() }\n",
		"fail/fail.go": "package fail\n\nimport \"m/leaf\"\n\nfunc Fail() { leaf.Leaf() }\n",
	})
	var mu sync.Mutex
	visited := make(map[string]bool)
	cfg := stream.Config{
		Skip: func(dir string) bool { return strings.HasPrefix(dir, build.Default.GOROOT) },
		Visit: func(p *packages.Package, files []*ast.File, info *types.Info) error {
			mu.Lock()
			defer mu.Unlock()
			for path := range p.Imports {
				if !visited[path] {
					t.Errorf("visited %s before %s, which it imports", p.PkgPath, path)
				}
			}
			visited[p.PkgPath] = true
			local := strings.HasPrefix(p.PkgPath, "m/")
			if local != (len(files) > 0 && info != nil) || p.Types == nil {
				t.Errorf("%s: visited with %d files, info %v and types %v", p.PkgPath, len(files), info != nil, p.Types)
			}
			if p.PkgPath == "m/fail" {
				return errors.New("failed")
			}
			return nil
		},
	}
	_, results, err := stream.Run(cfg, "./top", "./fail")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"m/leaf", "m/mid", "strings", "unsafe"} {
		if !visited[path] {
			t.Errorf("did not visit %s", path)
		}
	}
	if len(results) != 2 {
		t.Fatalf("got %d results, want 2", len(results))
	}
	top, fail := results[0], results[1]
	if top.Package.PkgPath != "m/top" {
		top, fail = fail, top
	}
	if top.Broken != nil || len(top.Package.Syntax) != 1 || top.Package.TypesInfo == nil || top.Package.Fset == nil {
		t.Errorf("m/top: broken %v, %d files, info %v, file set %v; want healthy with its syntax and types", top.Broken, len(top.Package.Syntax), top.Package.TypesInfo != nil, top.Package.Fset != nil)
	}
	if fail.Broken == nil || fail.Broken.Error() != "failed" {
		t.Errorf("m/fail: broken %v, want the error of Visit", fail.Broken)
	}
}

// TestTrim checks that Index sees every package without errors in a
// first pass, and that Trim then sees the packages that do not match
// the patterns, before they are type-checked, and not those that do;
// that an import left unused by the bodies it drops is no error, and
// one that is unused anyway is, in a package it does not trim.
func TestTrim(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	writeModule(t, map[string]string{
		"dep/dep.go":     "package dep\n\nimport \"strings\"\n\nfunc Kept() {}\n\nfunc Dropped() string { return strings.ToUpper(\"x\") }\n",
		"unused/u.go":    "package unused\n\nimport \"strings\"\n\nfunc U() {}\n",
		"top/top.go":     "package top\n\nimport \"m/dep\"\n\nfunc Top() { dep.Kept() }\n",
		"other/other.go": "package other\n\nimport \"m/unused\"\n\nfunc Other() { unused.U() }\n",
	})
	var mu sync.Mutex
	var indexed, trimmed []string
	var dropped *ast.FuncDecl
	cfg := stream.Config{
		Index: func(p *packages.Package, files []*ast.File, info *types.Info) error {
			mu.Lock()
			defer mu.Unlock()
			if strings.HasPrefix(p.PkgPath, "m/") {
				indexed = append(indexed, p.PkgPath)
			}
			return nil
		},
		Skip: func(dir string) bool { return strings.HasPrefix(dir, build.Default.GOROOT) },
		Visit: func(p *packages.Package, files []*ast.File, info *types.Info) error {
			if p.PkgPath == "m/dep" && info.Defs[dropped.Name] == nil {
				t.Error("m/dep: trimmed syntax not type-checked")
			}
			return nil
		},
		Trim: func(p *packages.Package, files []*ast.File) bool {
			mu.Lock()
			defer mu.Unlock()
			trimmed = append(trimmed, p.PkgPath)
			if len(indexed) != 2 { // m/unused has errors, and m/other imports it
				t.Errorf("trimming %s after indexing %q; want m/dep and m/top", p.PkgPath, indexed)
			}
			if p.PkgPath != "m/dep" {
				return false
			}
			for _, decl := range files[0].Decls {
				if decl, ok := decl.(*ast.FuncDecl); ok && decl.Name.Name == "Dropped" {
					decl.Body, dropped = nil, decl
				}
			}
			return true
		},
	}
	_, results, err := stream.Run(cfg, "./top", "./other")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(trimmed)
	if want := []string{"m/dep", "m/unused"}; !slices.Equal(trimmed, want) {
		t.Errorf("trimmed %q, want %q", trimmed, want)
	}
	for _, res := range results {
		switch res.Package.PkgPath {
		case "m/top":
			if res.Broken != nil {
				t.Errorf("m/top: %v", res.Broken)
			}
		case "m/other":
			if res.Broken == nil || !strings.Contains(res.Broken.Error(), `"strings" imported and not used`) {
				t.Errorf("m/other: broken %v, want the unused import of m/unused", res.Broken)
			}
		}
	}
}

// TestBrokenPackages checks that a package that does not load, parse
// or type-check is reported as broken, with its errors, that the
// packages that import it are skipped with its name, and that the others
// are analysed all the same.
func TestBrokenPackages(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	writeModule(t, map[string]string{
		"bad/bad.go":    "package bad\n\nfunc Bad() int { return \"one\" }\n",
		"top/top.go":    "package top\n\nimport \"m/bad\"\n\nfunc Top() int { return bad.Bad() }\n",
		"over/over.go":  "package over\n\nimport \"m/top\"\n\nfunc Over() int { return top.Top() }\n",
		"syn/syn.go":    "package syn\n\nfunc (\n",
		"miss/miss.go":  "package miss\n\nimport _ \"example.com/not/there\"\n",
		"leaf/leaf.go":  "package leaf\n\nfunc Leaf() {}\n",
		"healthy/ok.go": "package healthy\n\nimport \"m/leaf\"\n\nfunc OK() { leaf.Leaf() }\n",
	})
	var ran []string
	var mu sync.Mutex
	cfg := stream.Config{Analyzer: newDepthAnalyzer(&ran, &mu)}
	_, results, err := stream.Run(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	type want struct{ broken, dep string }
	wants := map[string]want{
		"m/bad":     {`bad.go:3:25: cannot use "one"`, ""},
		"m/top":     {`bad.go:3:25: cannot use "one"`, "m/bad"},
		"m/over":    {`bad.go:3:25: cannot use "one"`, "m/bad"},
		"m/syn":     {"syn.go:3:8: expected ')'", ""},
		"m/miss":    {"example.com/not/there", "example.com/not/there"},
		"m/leaf":    {},
		"m/healthy": {},
	}
	for _, res := range results {
		w, ok := wants[res.Package.PkgPath]
		if !ok {
			t.Errorf("unexpected result for %s", res.Package.PkgPath)
			continue
		}
		delete(wants, res.Package.PkgPath)
		switch {
		case w.broken == "" && res.Broken != nil:
			t.Errorf("%s: broken (%v), want analysed", res.Package.PkgPath, res.Broken)
		case w.broken != "" && (res.Broken == nil || !strings.Contains(res.Broken.Error(), w.broken)):
			t.Errorf("%s: got errors %v, want ones containing %q", res.Package.PkgPath, res.Broken, w.broken)
		case res.BrokenDep != w.dep:
			t.Errorf("%s: skipped for %q, want %q", res.Package.PkgPath, res.BrokenDep, w.dep)
		}
	}
	for path := range wants {
		t.Errorf("no result for %s", path)
	}
	for _, path := range []string{"m/top", "m/over", "m/bad"} {
		if slices.Contains(ran, path) {
			t.Errorf("analysed %s, which does not type-check or whose dependency does not", path)
		}
	}
	for _, path := range []string{"m/leaf", "m/healthy"} {
		if !slices.Contains(ran, path) {
			t.Errorf("did not analyse %s, whose dependencies are healthy; analysed %v", path, ran)
		}
	}
}

// TestCache checks that a second run takes every result from the
// cache and analyses nothing, and that after an edit only the edited
// package is analysed, listed alone, with the facts of its dependencies
// from the cache; and after an edit of a package that others and a
// test import, those, as without the cache.
func TestCache(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	writeModule(t, map[string]string{
		"leaf/leaf.go":     "package leaf\n\nfunc Leaf() {}\n",
		"mid/mid.go":       "package mid\n\nimport \"m/leaf\"\n\nfunc Mid() { leaf.Leaf() }\n",
		"mid/mid_test.go":  "package mid\n\nimport \"testing\"\n\nfunc TestMid(t *testing.T) { Mid() }\n",
		"top/top.go":       "package top\n\nimport (\n\t\"strings\"\n\n\t\"m/mid\"\n)\n\nfunc Top() string { mid.Mid(); return strings.ToUpper(\"x\") }\n",
		"top/top2/top2.go": "package top2\n\nimport \"m/top\"\n\nfunc Top2() { _ = top.Top() }\n",
	})
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var notes strings.Builder
	run := func(salt string) (diags, ran []string) {
		t.Helper()
		var mu sync.Mutex
		notes.Reset()
		cfg := stream.Config{
			Analyzer: newDepthAnalyzer(&ran, &mu),
			Tests:    true,
			Skip:     func(dir string) bool { return strings.HasPrefix(dir, build.Default.GOROOT) },
			Cache:    c,
			Salt:     []byte(salt),
			Logf:     func(format string, args ...any) { fmt.Fprintf(&notes, format+"\n", args...) },
		}
		if salt == "" {
			cfg.Cache = nil
		}
		fset, results, err := stream.Run(cfg, "./...")
		if err != nil {
			t.Fatal(err)
		}
		for _, res := range results {
			for _, d := range res.Diagnostics {
				diags = append(diags, fmt.Sprintf("%s %s %s", res.Package.ID, fset.Position(d.Pos), d.Message))
			}
		}
		slices.Sort(diags)
		slices.Sort(ran)
		return diags, ran
	}
	cold, ran := run("a")
	if len(cold) != 5 || len(ran) != 6 {
		t.Fatalf("first run: diagnostics\n%s\nand analysed %v; want 5 and 6 packages", strings.Join(cold, "\n"), ran)
	}
	warm, ran := run("a")
	if !slices.Equal(warm, cold) || len(ran) != 0 {
		t.Errorf("second run: diagnostics\n%s\nand analysed %v; want those of the first and none", strings.Join(warm, "\n"), ran)
	}
	if _, ran = run("b"); len(ran) != 6 {
		t.Errorf("with another salt: analysed %v, want all", ran)
	}

	if err := os.WriteFile(filepath.Join("top", "top2", "top2.go"), []byte("package top2\n\nimport \"m/top\"\n\n// Top2 moved.\nfunc Top2() { _ = top.Top() }\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	edited, ran := run("a")
	want := slices.Clone(cold)
	for i, d := range want {
		want[i] = strings.Replace(d, "top2.go:5:6", "top2.go:6:6", 1)
	}
	if !slices.Equal(edited, want) || !slices.Equal(ran, []string{"m/top/top2"}) || !strings.Contains(notes.String(), "for analysis (m/top/top2)") {
		t.Errorf("after editing top2: diagnostics\n%s\nanalysed %v and noted\n%s\nwant\n%s\nonly m/top/top2 analysed, and listed alone", strings.Join(edited, "\n"), ran, notes.String(), strings.Join(want, "\n"))
	}

	if err := os.WriteFile(filepath.Join("mid", "mid.go"), []byte("package mid\n\nimport \"m/leaf\"\n\n// Mid moved.\nfunc Mid() { leaf.Leaf() }\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	edited, ran = run("a")
	uncached, all := run("")
	wantRan := slices.DeleteFunc(all, func(path string) bool { return path == "m/leaf" })
	if !slices.Equal(edited, uncached) || !slices.Equal(ran, wantRan) {
		t.Errorf("after editing mid: diagnostics\n%s\nand analysed %v; want\n%s\nand %v", strings.Join(edited, "\n"), ran, strings.Join(uncached, "\n"), wantRan)
	}
	if hits, misses := c.Stats(); hits == 0 || misses == 0 {
		t.Errorf("cache stats: %d hits, %d misses", hits, misses)
	}
}

// TestCacheCgo checks that a package with cgo, and the packages that
// import it, get the same keys whether listed for their keys alone or
// for analysis, which runs cgo: a second run answers from the entries
// of the first without loading the packages for analysis, with the
// same positions, which cgo's line directives map to the package's own
// files.
func TestCacheCgo(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list and cgo")
	}
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("cgo is not enabled")
	}
	writeModule(t, map[string]string{
		"c/c.go":     "package c\n\n// int two(void) { return 2; }\nimport \"C\"\n\nfunc Leaf() {}\n\nfunc Two() int { Leaf(); return int(C.two()) }\n",
		"top/top.go": "package top\n\nimport \"m/c\"\n\nfunc Top() int { return c.Two() }\n",
	})
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	run := func() (diags, ran []string, notes string) {
		t.Helper()
		var mu sync.Mutex
		var log strings.Builder
		cfg := stream.Config{
			Analyzer: newDepthAnalyzer(&ran, &mu),
			Skip:     func(dir string) bool { return strings.HasPrefix(dir, build.Default.GOROOT) },
			Cache:    c,
			Logf:     func(format string, args ...any) { fmt.Fprintf(&log, format+"\n", args...) },
		}
		fset, results, err := stream.Run(cfg, "./...")
		if err != nil {
			t.Fatal(err)
		}
		for _, res := range results {
			if res.Broken != nil {
				t.Fatalf("%s: %v", res.Package.ID, res.Broken)
			}
			for _, d := range res.Diagnostics {
				diags = append(diags, fmt.Sprintf("%s %s %s", res.Package.ID, fset.Position(d.Pos), d.Message))
			}
		}
		slices.Sort(diags)
		return diags, ran, log.String()
	}
	cold, ran, _ := run()
	if len(cold) != 2 || !slices.Contains(ran, "m/c") {
		t.Fatalf("first run: diagnostics\n%s\nand analysed %v; want 2, and m/c analysed", strings.Join(cold, "\n"), ran)
	}
	warm, ran, notes := run()
	if !slices.Equal(warm, cold) || len(ran) != 0 || !strings.Contains(notes, "all found: true") || strings.Contains(notes, "for analysis") {
		t.Errorf("second run: diagnostics\n%s\nanalysed %v, and noted\n%s\nwant the first run's diagnostics\n%s\nevery package found and nothing loaded for analysis", strings.Join(warm, "\n"), ran, notes, strings.Join(cold, "\n"))
	}
}

// TestCacheFiles checks that a package given as files, which go list
// names command-line-arguments and cannot list by import path, is
// analysed after an edit of its test as without the cache.
func TestCacheFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	writeModule(t, map[string]string{
		"leaf/leaf.go":    "package leaf\n\nfunc Leaf() {}\n",
		"app/app.go":      "package app\n\nimport \"m/leaf\"\n\nfunc App() { leaf.Leaf() }\n",
		"app/app_test.go": "package app\n\nfunc helper() { App() }\n",
	})
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	run := func(c *cache.Cache) (diags []string, notes string) {
		t.Helper()
		var mu sync.Mutex
		var ran []string
		var log strings.Builder
		cfg := stream.Config{
			Analyzer: newDepthAnalyzer(&ran, &mu),
			Tests:    true,
			Skip:     func(dir string) bool { return strings.HasPrefix(dir, build.Default.GOROOT) },
			Cache:    c,
			Logf:     func(format string, args ...any) { fmt.Fprintf(&log, format+"\n", args...) },
		}
		fset, results, err := stream.Run(cfg, "./app/app.go", "./app/app_test.go")
		if err != nil {
			t.Fatal(err)
		}
		for _, res := range results {
			for _, d := range res.Diagnostics {
				diags = append(diags, fmt.Sprintf("%s %s %s", res.Package.ID, fset.Position(d.Pos), d.Message))
			}
		}
		return diags, log.String()
	}
	if cold, _ := run(c); len(cold) != 3 {
		t.Fatalf("first run: %q, want 3 diagnostics", cold)
	}
	if err := os.WriteFile(filepath.Join("app", "app_test.go"), []byte("package app\n\n// helper moved.\nfunc helper() { App() }\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	edited, notes := run(c)
	uncached, _ := run(nil)
	if !slices.Equal(edited, uncached) || !strings.Contains(notes, "listing every package") {
		t.Errorf("after an edit: diagnostics\n%s\nand notes\n%s\nwant\n%s\nand every package listed", strings.Join(edited, "\n"), notes, strings.Join(uncached, "\n"))
	}
}
