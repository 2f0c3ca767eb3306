package analyzer_test

import (
	"bytes"
	"cmp"
	"go/format"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/internal/fix"
)

// TestFixedPoint applies the suggested fixes to testdata/src/fixpoint,
// a handler package over a store package, round after round as a
// driver that repeats -fix does, until no finding has a fix. Some fixes
// only become possible after others (a helper gets the request's
// context, then its blocking call the context-aware form). It must get
// there within a few rounds, leave no finding, and leave code that
// builds and passes go vet.
func TestFixedPoint(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the analyzer several times, and the go command")
	}
	const maxRounds = 4
	gopath := t.TempDir()
	for _, dir := range []string{"fixpoint", "github.com/blockcheck/blockcheck/offload", "golang.org/x/crypto/bcrypt"} {
		copyDir(t, filepath.Join(testdata(t), "src", dir), filepath.Join(gopath, "src", dir))
	}
	env := append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=")
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: gopath, Env: env}
	var left []string
	for round := 1; ; round++ {
		pkgs, err := packages.Load(cfg, "fixpoint/...")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pkgs {
			for _, e := range p.Errors {
				t.Fatalf("round %d: %s does not compile: %v", round, p.PkgPath, e)
			}
		}
		graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
		if err != nil {
			t.Fatal(err)
		}
		var fixes []*analysis.SuggestedFix
		left = nil
		for _, act := range graph.Roots {
			if act.Err != nil {
				t.Fatalf("round %d: %v", round, act.Err)
			}
			for _, d := range act.Diagnostics {
				left = append(left, pkgs[0].Fset.Position(d.Pos).String()+": "+d.Message)
				if len(d.SuggestedFixes) > 0 {
					fixes = append(fixes, &d.SuggestedFixes[0])
				}
			}
		}
		if len(fixes) == 0 {
			break
		}
		if round > maxRounds {
			t.Fatalf("still fixing after %d rounds: %q", maxRounds, left)
		}
		apply(t, pkgs[0].Fset, fixes)
	}
	if len(left) > 0 {
		t.Errorf("findings left at the fixed point:\n%q", left)
	}
	for _, args := range [][]string{{"build", "fixpoint/..."}, {"vet", "fixpoint/..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir, cmd.Env = gopath, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s: %v\n%s", args[0], err, out)
		}
	}
}

// apply applies fixes to their files as drivers do: a fix whose edits
// conflict with those of a fix already taken is left for the next
// round, and identical edits are applied once. The files are then
// formatted.
func apply(t *testing.T, fset *token.FileSet, fixes []*analysis.SuggestedFix) {
	var taken []*analysis.SuggestedFix
	for _, f := range fixes {
		if !slices.ContainsFunc(taken, func(g *analysis.SuggestedFix) bool { return fix.Conflict(f, g) }) {
			taken = append(taken, f)
		}
	}
	type edit struct {
		start, end int
		text       []byte
	}
	byFile := make(map[string][]edit)
	for _, f := range taken {
		for _, e := range f.TextEdits {
			tf := fset.File(e.Pos)
			start, end := tf.Offset(e.Pos), tf.Offset(e.Pos)
			if e.End.IsValid() {
				end = tf.Offset(e.End)
			}
			byFile[tf.Name()] = append(byFile[tf.Name()], edit{start, end, e.NewText})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(byFile)) {
		edits := byFile[name]
		slices.SortStableFunc(edits, func(a, b edit) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end)) })
		edits = slices.CompactFunc(edits, func(a, b edit) bool { return a.start == b.start && a.end == b.end && bytes.Equal(a.text, b.text) })
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var out []byte
		at := 0
		for _, e := range edits {
			if e.start < at {
				t.Fatalf("%s: overlapping edits at offset %d", name, e.start)
			}
			out = append(append(out, src[at:e.start]...), e.text...)
			at = e.end
		}
		out = append(out, src[at:]...)
		formatted, err := format.Source(out)
		if err != nil {
			t.Fatalf("%s: fixed file does not parse: %v\n%s", name, err, out)
		}
		if err := os.WriteFile(name, formatted, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// copyDir copies the files of the directory tree src to dst.
func copyDir(t *testing.T, src, dst string) {
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
