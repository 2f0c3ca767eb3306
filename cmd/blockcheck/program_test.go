package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// gopath runs blockcheck with args in GOPATH mode over testdata/src and
// returns its output.
func gopath(t *testing.T, args ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("analyses many packages")
	}
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(blockcheck, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GO111MODULE=off", "GOPATH="+dir, "GOFLAGS=")
	out, _ := cmd.CombinedOutput() // findings make it exit non-zero
	return string(out)
}

// wantRE matches the expectations of a line, as analysistest writes
// them: // want `regexp` ….
var wantRE = regexp.MustCompile("`([^`]*)`")

// TestProgramMode checks whole-program mode against the // want
// comments of testdata/src/program, as analysistest does for the
// per-package analyzer: every finding is expected on its line, and
// every expectation is met.
func TestProgramMode(t *testing.T) {
	out := gopath(t, "-mode=program", "-format=json", "program/...")
	checkWants(t, out, filepath.Join("..", "..", "testdata", "src", "program"))
}

// TestProgramDispatch checks, against the // want comments of
// testdata/programmodules/dispatchapp, how whole-program mode follows
// dynamic calls into and inside dependencies, each in its own module
// (see dispatchapp/main.go).
func TestProgramDispatch(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "programmodules", "dispatchapp"))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := runIn(t, dir, "-mode=program", "-format=json", "./...")
	checkWants(t, strings.ReplaceAll(out, "$DIR", dir), dir)
}

// trimLine matches the line BLOCKCHECK_DEBUG=trim prints.
var trimLine = regexp.MustCompile(`blockcheck: trim: dropped (\d+) of (\d+) function bodies of dependencies\n`)

// TestProgramTrimmed checks, against the // want comments of
// testdata/src/program and testdata/programmodules/dispatchapp,
// whole-program mode with its first pass, which finds the dependencies'
// functions that the analysis cannot reach, forced for these small
// programs: some bodies of the first's dependencies are dropped, and
// the findings are those expected.
func TestProgramTrimmed(t *testing.T) {
	t.Setenv("BLOCKCHECK_DEBUG", "trim")
	out := gopath(t, "-mode=program", "-format=json", "program/...")
	if m := trimLine.FindStringSubmatch(out); m == nil || m[1] == "0" {
		t.Fatalf("no function body dropped:\n%s", out)
	}
	checkWants(t, trimLine.ReplaceAllString(out, ""), filepath.Join("..", "..", "testdata", "src", "program"))
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "programmodules", "dispatchapp"))
	if err != nil {
		t.Fatal(err)
	}
	out, _ = runIn(t, dir, "-mode=program", "-format=json", "./...")
	checkWants(t, strings.ReplaceAll(trimLine.ReplaceAllString(out, ""), "$DIR", dir), dir)
}

// checkWants checks the findings of out, blockcheck's JSON with absolute
// positions, against the // want comments of the Go files under root:
// every finding is expected on its line, and every expectation is met.
func checkWants(t *testing.T, out, root string) {
	t.Helper()
	var tree map[string]map[string][]struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("reading blockcheck's JSON: %v\n%s", err, out)
	}
	want := make(map[string][]*regexp.Regexp) // file:line → expectations
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		abs, _ := filepath.Abs(path)
		for i, line := range strings.Split(string(data), "\n") {
			_, w, ok := strings.Cut(line, "// want ")
			if !ok {
				continue
			}
			for _, m := range wantRE.FindAllStringSubmatch(w, -1) {
				key := abs + ":" + strconv.Itoa(i+1)
				want[key] = append(want[key], regexp.MustCompile(m[1]))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, byAnalyzer := range tree {
		for _, f := range byAnalyzer["blockcheck"] {
			key := f.Posn[:strings.LastIndexByte(f.Posn, ':')] // file:line
			i := slices.IndexFunc(want[key], func(re *regexp.Regexp) bool { return re.MatchString(f.Message) })
			if i < 0 {
				t.Errorf("%s: unexpected finding: %s", f.Posn, f.Message)
				continue
			}
			want[key] = slices.Delete(want[key], i, i+1)
		}
	}
	for key, res := range want {
		for _, re := range res {
			t.Errorf("%s: no finding matches %q", key, re)
		}
	}
}

// TestProgramModeAgrees checks that whole-program mode reports what
// per-package mode reports on every static case in testdata: the two
// share the catalog, the roots and the rules, and differ only where a
// call goes through an interface or a function value. The packages left
// out are those that test exactly that difference, and stale directives,
// which only per-package mode reports.
func TestProgramModeAgrees(t *testing.T) {
	patterns := []string{"roots/...", "cpu/...", "blocking/...", "background", "chain/auth", "chain/closure", "chain/embed",
		"chain/categories", "chain/generic", "chain/handler", "chain/hash", "chain/methodvalue", "chain/recursion", "chain/rpc",
		"chain/rpcuse", "chain/rpcremote", "regression/...",
		"negative/goroutine", "negative/once", "negative/offload", "negative/startup", "negative/unreached",
		"negative/testfile", "negative/generated", "directive/ignore", "directive/helper", "directive/caller",
		"directive/pdf", "directive/malformed", "fix/...", "config/app"}
	findings := func(args ...string) []string {
		var lines []string
		for _, line := range strings.Split(gopath(t, append(args, patterns...)...), "\n") {
			if _, rest, ok := strings.Cut(line, ": "); ok && !strings.HasPrefix(rest, "\t") {
				lines = append(lines, line)
			}
		}
		slices.Sort(lines)
		return lines
	}
	pkg, prog := findings(), findings("-mode=program")
	if len(pkg) == 0 || !slices.Equal(pkg, prog) {
		t.Errorf("the modes disagree:\n--- per-package\n%s\n--- whole-program\n%s", strings.Join(pkg, "\n"), strings.Join(prog, "\n"))
	}
}

// TestProgramModules runs both modes on the modules of
// testdata/programmodules, which check how dependencies are treated
// (see app/main.go): both must report exactly the two findings in
// search.
func TestProgramModules(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "programmodules", "app"))
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"./..."}, {"-mode=program", "./..."}} {
		out, code := runIn(t, dir, args...)
		var findings []string
		for _, line := range strings.Split(out, "\n") {
			if _, rest, ok := strings.Cut(line, ": "); ok && !strings.HasPrefix(rest, "\t") {
				findings = append(findings, line)
			}
		}
		if code != 3 || len(findings) != 4 ||
			!strings.Contains(findings[0], "main.go:51:31: find calls net.Dial via libdb.Stmt.First → libdb.Ping") ||
			!strings.Contains(findings[1], "main.go:60:2: stats calls libdb.Query with context.TODO()") ||
			!strings.Contains(findings[2], "main.go:66:2: search calls net.Dial via libdb.Ping") ||
			!strings.Contains(findings[3], "main.go:67:2: search calls pbkdf2.Key via libdb.Hash") {
			t.Errorf("blockcheck %v: exit %d and\n%s\nwant 3 and the findings in find, stats and search", args, code, out)
		}
	}
}

// TestProgramModeFixes checks that whole-program mode, which has no
// facts, offers the fixes that per-package mode offers through them:
// a call of a wrapper that gives its Context variant a background
// context moves to the variant (thread/...).
func TestProgramModeFixes(t *testing.T) {
	fixes := func(args ...string) map[string]string {
		var tree map[string]map[string][]struct {
			Posn    string `json:"posn"`
			Message string `json:"message"`
			Fixes   []struct {
				Message string `json:"message"`
			} `json:"suggested_fixes"`
		}
		out := gopath(t, append(args, "-json", "thread/...")...)
		if err := json.Unmarshal([]byte(out), &tree); err != nil {
			t.Fatalf("reading blockcheck's JSON: %v\n%s", err, out)
		}
		got := make(map[string]string)
		for _, byAnalyzer := range tree {
			for _, f := range byAnalyzer["blockcheck"] {
				fix := "no fix"
				if len(f.Fixes) > 0 {
					fix = f.Fixes[0].Message
				}
				got[f.Posn+" "+f.Message] = fix
			}
		}
		return got
	}
	pkg, prog := fixes(), fixes("-mode=program")
	if len(pkg) == 0 {
		t.Fatal("no findings in thread/...")
	}
	for key, fix := range pkg {
		if got, ok := prog[key]; ok && got != fix {
			t.Errorf("%s:\n\tper-package fix: %s\n\twhole-program fix: %s", key, fix, got)
		}
	}
}
