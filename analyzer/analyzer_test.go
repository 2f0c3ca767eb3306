package analyzer_test

import (
	"fmt"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestChain checks a chain across three packages, learnt through facts,
// with a one-hop control that reaches nothing; and chains through
// method values, embedding, generics, recursion and dispatch by
// reflection (chain/rpc, rpcuse, rpcremote).
func TestChain(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "chain/...")
}

// TestCategoriesAtOneCall checks the order and the chains of the
// diagnostics at calls that reach several categories (their messages
// are checked by chain/categories' want comments): one per category,
// most severe first, each with one related entry per hop of its own
// chain.
func TestCategoriesAtOneCall(t *testing.T) {
	results := analysistest.Run(t, testdata(t), analyzer.Analyzer, "chain/categories")
	var got []string
	for _, res := range results {
		for _, d := range res.Diagnostics {
			var hops []string
			for _, r := range d.Related {
				hops = append(hops, fmt.Sprintf("%d: %s", res.Pass.Fset.Position(r.Pos).Line, r.Message))
			}
			got = append(got, fmt.Sprintf("%d %s [%s]", res.Pass.Fset.Position(d.Pos).Line, d.Category, strings.Join(hops, "; ")))
		}
	}
	want := []string{
		"51 cpu-heavy [26: categories.store.avatar calls imaging.Decode]",
		"51 blocking [27: categories.store.avatar calls categories.store.owner; 31: categories.store.owner calls sql.DB.Query]",
		"52 cpu-heavy [36: categories.thumbnail calls imaging.Decode]",
		"53 cpu-heavy [47: categories.store.sync calls categories.thumbnail; 36: categories.thumbnail calls imaging.Decode]",
		"53 blocking [44: categories.store.sync calls sql.DB.Exec]",
		"53 background-context [46: categories.store.sync calls sql.DB.QueryContext]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRoots checks every kind of request root.
func TestRoots(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "roots/...")
}

// TestCPU checks the CPU-heavy families of the catalog.
func TestCPU(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "cpu/...")
}

// TestBlocking checks the blocking families of the catalog.
func TestBlocking(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "blocking/...")
}

// TestBackground checks context-aware calls given context.Background().
func TestBackground(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "background")
}

// TestNegative checks each rule that keeps work off the request path,
// and what per-package mode does not follow.
func TestNegative(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "negative/...")
}

// TestDirectives checks //blockcheck: directives, across packages too.
func TestDirectives(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "directive/ignore", "directive/helper", "directive/caller", "directive/pdf", "directive/malformed", "directive/stale", "directive/quiet")
}

// TestLambda checks that -lambda makes roots of the handlers passed to
// lambda.Start (roots/lambda checks that they are not roots by default).
func TestLambda(t *testing.T) {
	setFlag(t, "lambda", "true")
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "flags/lambda")
}

// TestHeavyFlag checks sinks declared with -heavy.
func TestHeavyFlag(t *testing.T) {
	setFlag(t, "heavy", "directive/flag.Sign,(*directive/flag.Doc).Render")
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "directive/flag")
}

// setFlag sets one of the analyzer's flags for the duration of a test.
// The list flags add to what they hold, so the cleanup resets every
// flag rather than setting the old value again.
func setFlag(t *testing.T, name, value string) {
	t.Helper()
	if err := analyzer.Analyzer.Flags.Lookup(name).Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(analyzer.ResetFlags)
}

// TestRegression runs the regression tests, one package per bug.
func TestRegression(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "regression/...")
}

// TestDeepChain checks that a chain of 300 calls is found, summarised
// in linear space and shown shortened in the message.
func TestDeepChain(t *testing.T) {
	var src strings.Builder
	src.WriteString("package deep\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\n")
	src.WriteString("func handle(w http.ResponseWriter, r *http.Request) {\n\tf0() // want `handle calls time.Sleep via deep.f0 → deep.f1 → deep.f2 → \\(295 more\\) → deep.f298 → deep.f299: `\n}\n\n")
	const n = 300
	for i := range n - 1 {
		fmt.Fprintf(&src, "func f%d() { f%d() }\n", i, i+1)
	}
	fmt.Fprintf(&src, "func f%d() { time.Sleep(time.Second) }\n", n-1)
	dir, cleanup, err := analysistest.WriteFiles(map[string]string{"deep/deep.go": src.String()})
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	results := analysistest.Run(t, dir, analyzer.Analyzer, "deep")
	for _, res := range results {
		for _, d := range res.Diagnostics {
			if got := len(d.Related); got != 15 {
				t.Errorf("%d related entries, want 15 (one per hop kept)", got)
			}
		}
	}
}

// TestFixes applies every suggested fix in testdata/src/fix and compares
// the result with the .golden files.
func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.Analyzer, "fix/...")
}

// TestGoldenFilesCompile type-checks each package of testdata/src/fix,
// hints and thread with its .golden files in place of its sources: a fix that does not
// compile is worse than none.
func TestGoldenFilesCompile(t *testing.T) {
	dir := testdata(t)
	goldens, err := filepath.Glob(filepath.Join(dir, "src", "fix", "*", "*.go.golden"))
	for _, tree := range []string{"hints", "thread"} {
		more, _ := filepath.Glob(filepath.Join(dir, "src", tree, "*", "*.go.golden"))
		goldens = append(goldens, more...)
	}
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	overlay := make(map[string][]byte)
	pkgs := make(map[string]bool)
	for _, g := range goldens {
		src, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		overlay[strings.TrimSuffix(g, ".golden")] = src
		rel, _ := filepath.Rel(filepath.Join(dir, "src"), filepath.Dir(g))
		pkgs[filepath.ToSlash(rel)] = true
	}
	cfg := &packages.Config{
		Mode:    packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo,
		Dir:     dir,
		Env:     append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOFLAGS="),
		Overlay: overlay,
		Tests:   true, // a fix must leave the package's tests compiling too
	}
	loaded, err := packages.Load(cfg, slices.Sorted(maps.Keys(pkgs))...)
	if err != nil {
		t.Fatal(err)
	}
	plain := 0
	for _, p := range loaded {
		for _, e := range p.Errors {
			t.Errorf("%s: golden file does not compile: %v", p.ID, e)
		}
		if p.ID == p.PkgPath && p.Name != "main" {
			plain++
		}
	}
	if plain != len(pkgs) {
		t.Errorf("loaded %d packages, want %d", plain, len(pkgs))
	}
}

// TestOffloadStub checks that the stub of offload in testdata, which
// the golden files compile against, declares the functions that fixes
// call with the real package's signatures.
func TestOffloadStub(t *testing.T) {
	load := func(dir string, env []string, path string) *types.Package {
		cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: dir, Env: append(os.Environ(), env...)}
		pkgs, err := packages.Load(cfg, path)
		if err != nil || len(pkgs) != 1 || len(pkgs[0].Errors) > 0 {
			t.Fatalf("loading %s: %v %v", path, err, pkgs)
		}
		return pkgs[0].Types
	}
	const path = "github.com/blockcheck/blockcheck/offload"
	actual := load("..", nil, path)
	stub := load(testdata(t), []string{"GOPATH=" + testdata(t), "GO111MODULE=off", "GOFLAGS="}, path)
	qual := (*types.Package).Name
	for _, name := range stub.Scope().Names() {
		s := stub.Scope().Lookup(name)
		r := actual.Scope().Lookup(name)
		if r == nil {
			t.Errorf("the stub declares %s, which offload does not", name)
			continue
		}
		if got, want := types.TypeString(s.Type(), qual), types.TypeString(r.Type(), qual); got != want {
			t.Errorf("%s: the stub has type %s, offload has %s", name, got, want)
		}
	}
}

// TestConfigFile checks that a .blockcheck.yml beside a package is read.
func TestConfigFile(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "config/app")
}

// TestFlags checks the flags that mirror the configuration file.
func TestFlags(t *testing.T) {
	for _, tc := range []struct{ flag, value, want string }{
		{"heavy", "notaname", `"notaname" is not a full function name`},
		{"root-params", "(*x.T)", `"(*x.T)" is not a full type name`},
		{"categories", "slow", `unknown category "slow"`},
		{"roots", "example.com/rpc.*", `"example.com/rpc.*" is not a full function name`},
		{"ignore-sink", "time.Sleep", `-ignore-sink time.Sleep needs a reason`},
		{"ignore-root", "(example.com/a.I).*", `-ignore-root (example.com/a.I).* needs a reason`},
		{"ignore-root", "Configure=why", `"Configure" is not a full function name`},
		{"fix-at", "main.go:3", `"main.go:3" is not a position (file:line:col)`},
	} {
		err := analyzer.Analyzer.Flags.Lookup(tc.flag).Value.Set(tc.value)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("-%s=%s: got error %v, want one containing %q", tc.flag, tc.value, err, tc.want)
		}
	}
	setFlag(t, "ignore-sink", "time.Sleep=bounded retries")
	setFlag(t, "ignore-sink", "time.After=bounded retries")
	setFlag(t, "categories", "blocking")
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "flags")
}

// TestFixAtHints checks the fixes for the calls that -fix-at names: the
// calls on the lines of testdata/src/hints/lib marked "// hint".
func TestFixAtHints(t *testing.T) {
	file := filepath.Join(testdata(t), "src", "hints", "lib", "lib.go")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var hints []string
	for i, line := range strings.Split(string(src), "\n") {
		if !strings.Contains(line, "// hint") {
			continue
		}
		// The call starts after the indentation, a return or an
		// assignment.
		col := len(line) - len(strings.TrimLeft(line, "\t"))
		if j := strings.Index(line, " := "); j >= 0 {
			col = j + len(" := ")
		} else if strings.HasPrefix(line[col:], "return ") {
			col += len("return ")
		}
		hints = append(hints, fmt.Sprintf("%s:%d:%d", file, i+1, col+1))
	}
	if len(hints) != 7 {
		t.Fatalf("found %d hints, want 7", len(hints))
	}
	setFlag(t, "fix-at", strings.Join(hints, ","))
	analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.Analyzer, "hints/lib")
}

// TestThread checks the Variant facts of functions that only call
// their context-taking variant with a background context, and the fix
// that moves a root's call of them to the variant.
func TestThread(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.Analyzer, "thread/...")
}
