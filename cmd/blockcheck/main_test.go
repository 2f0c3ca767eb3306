package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// blockcheck is the path of the binary under test, built by TestMain
// without the race detector even when the tests use it: the binary
// analyses many packages, and the tests check its output, not its
// concurrency.
var blockcheck string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "blockcheck-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := 0
	// Every run of the binary shares a cache of its own, so that the
	// tests neither read nor fill the user's.
	os.Setenv("BLOCKCHECK_CACHE", filepath.Join(dir, "cache"))
	if !testing.Short() {
		blockcheck = filepath.Join(dir, "blockcheck")
		if out, err := exec.Command("go", "build", "-o", blockcheck, ".").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building blockcheck: %v\n%s", err, out)
			code = 1
		}
	}
	if code == 0 {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// run runs the command in the repository's root and returns its combined output, with the root's path
// replaced by $ROOT, and its exit code.
func run(t *testing.T, name string, args ...string) (string, int) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		t.Skip("builds and analyses a module")
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	code := 0
	if exit := (*exec.ExitError)(nil); errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(out), root, "$ROOT"), code
}

// golden compares got with the named file in testdata/cmd, or rewrites
// it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("..", "..", "testdata", "cmd", name)
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o666); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, []byte(got)) {
		t.Errorf("output differs from %s (rerun with -update to accept):\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

// TestStandalone runs blockcheck on the example application, as the
// README tells a newcomer to.
func TestStandalone(t *testing.T) {
	out, code := run(t, blockcheck, "./testdata/example/...")
	if code != 3 {
		t.Errorf("exit code %d, want 3 (findings)", code)
	}
	golden(t, "standalone.golden", out)
}

// TestVet runs blockcheck as go vet's tool on the example application:
// facts must flow between packages that go vet analyses separately.
func TestVet(t *testing.T) {
	out, code := run(t, "go", "vet", "-vettool="+blockcheck, "./testdata/example/...")
	if code != 1 {
		t.Errorf("exit code %d, want 1 (findings)", code)
	}
	golden(t, "vet.golden", out)
}

// TestJSON checks that -json output carries the category and the chain.
func TestJSON(t *testing.T) {
	out, code := run(t, blockcheck, "-json", "./testdata/example/...")
	if code != 0 {
		t.Errorf("exit code %d, want 0 (-json reports findings as data)", code)
	}
	golden(t, "json.golden", out)
}

// TestClean checks that a package with no findings exits 0 and prints nothing.
func TestClean(t *testing.T) {
	out, code := run(t, blockcheck, "./analyzer/...")
	if code != 0 || out != "" {
		t.Errorf("got exit code %d and output %q, want 0 and nothing", code, out)
	}
}

// module writes a module named badinput with the given files to a
// temporary directory and returns it.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["go.mod"]; !ok {
		files["go.mod"] = "module badinput\n\ngo 1.26\n"
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runIn runs blockcheck with args in dir, bounded by a timeout so that
// a hang fails the test instead of stalling it.
func runIn(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	return runCmdIn(t, dir, blockcheck, args...)
}

// runCmdIn is runIn for any command.
func runCmdIn(t *testing.T, dir, name string, args ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	code := execIn(t, dir, name, args, &out, &out)
	if strings.Contains(out.String(), "panic") || strings.Contains(out.String(), "internal error") {
		t.Errorf("blockcheck crashed:\n%s", out.String())
	}
	return strings.ReplaceAll(out.String(), dir, "$DIR"), code
}

// execIn runs name with args in dir, writing to stdout and stderr
// (which may be one buffer), and returns its exit code. A timeout makes
// a hang fail the test instead of stalling it.
func execIn(t *testing.T, dir, name string, args []string, stdout, stderr *bytes.Buffer) int {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and analyses a module")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, stdout, stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		out := stdout.String()
		if stderr != stdout {
			out += stderr.String()
		}
		t.Fatalf("%s %v did not finish in time:\n%s", filepath.Base(name), args, out)
	}
	if exit := (*exec.ExitError)(nil); errors.As(err, &exit) {
		return exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0
}

const handlerHead = "package app\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\n"

// TestBadInput checks that code blockcheck cannot analyse gets a clear
// error, and code that is merely unusual (cgo, huge files) is analysed,
// never a panic or a hang.
func TestBadInput(t *testing.T) {
	t.Run("type error", func(t *testing.T) {
		dir := module(t, map[string]string{"app/app.go": handlerHead +
			"func handle(w http.ResponseWriter, r *http.Request) {\n\ttime.Sleep(\"1s\")\n}\n"})
		out, code := runIn(t, dir, "./...")
		if code != 1 || !strings.Contains(out, "app.go:9:13: cannot use \"1s\"") {
			t.Errorf("got exit code %d and\n%s\nwant 1 and the type error", code, out)
		}
	})
	t.Run("missing dependency", func(t *testing.T) {
		dir := module(t, map[string]string{"app/app.go": "package app\n\nimport _ \"example.com/not/there\"\n"})
		out, code := runIn(t, dir, "./...")
		if code != 1 || !strings.Contains(out, "example.com/not/there") {
			t.Errorf("got exit code %d and\n%s\nwant 1 and the missing package", code, out)
		}
	})
	t.Run("one broken package", func(t *testing.T) {
		// The findings of the healthy packages are reported, the
		// broken package and its importer are named, and the exit
		// status says there were errors, in every output format.
		dir := module(t, map[string]string{
			"bad/bad.go": "package bad\n\nfunc Bad() int { return \"one\" }\n",
			"top/top.go": "package top\n\nimport \"badinput/bad\"\n\nfunc Top() int { return bad.Bad() }\n",
			"app/app.go": handlerHead + "func handle(w http.ResponseWriter, r *http.Request) {\n\ttime.Sleep(time.Second)\n}\n",
		})
		for _, mode := range []string{"-mode=package", "-mode=program"} {
			out, code := runIn(t, dir, mode, "./...")
			for _, want := range []string{
				"badinput/bad has errors; not analysed:\n\t",
				`bad.go:3:25: cannot use "one"`,
				"badinput/top not analysed: it imports badinput/bad, which has errors:",
				"app.go:9:2: handle calls time.Sleep",
			} {
				if code != 1 || !strings.Contains(out, want) {
					t.Errorf("%s: got exit code %d and\n%s\nwant 1 and %q", mode, code, out, want)
				}
			}
		}
		for _, mode := range []string{"-mode=package", "-mode=program"} {
			out, code := runIn(t, dir, mode, "-json", "./...")
			if code != 1 || !strings.Contains(out, `"error": "badinput/bad has errors`) || !strings.Contains(out, "handle calls time.Sleep") {
				t.Errorf("%s -json: got exit code %d and\n%s\nwant 1, an error object and the finding", mode, code, out)
			}
			out, code = runIn(t, dir, mode, "-format=sarif", "./...")
			if code != 1 || !strings.Contains(out, `"toolExecutionNotifications"`) || !strings.Contains(out, `"executionSuccessful": false`) || !strings.Contains(out, "handle calls time.Sleep") {
				t.Errorf("%s -format=sarif: got exit code %d and\n%s\nwant 1, the notifications and the finding", mode, code, out)
			}
		}
		// -fix fixes the healthy packages, and says what it could not
		// analyse.
		for _, mode := range []string{"-mode=package", "-mode=program"} {
			fixed := module(t, map[string]string{
				"bad/bad.go": "package bad\n\nfunc Bad() int { return \"one\" }\n",
				"app/app.go": handlerHead + "func handle(w http.ResponseWriter, r *http.Request) {\n\ttime.Sleep(time.Second)\n}\n",
			})
			out, code := runIn(t, fixed, mode, "-fix", "./...")
			src, err := os.ReadFile(filepath.Join(fixed, "app", "app.go"))
			if code != 1 || !strings.Contains(out, "badinput/bad has errors") || strings.Contains(out, "time.Sleep") ||
				err != nil || !strings.Contains(string(src), "case <-r.Context().Done():") {
				t.Errorf("%s -fix: got exit code %d and\n%s\nand app.go\n%s\nwant 1, the error and app.go fixed", mode, code, out, src)
			}
		}
	})
	t.Run("cgo", func(t *testing.T) {
		if _, err := exec.LookPath("gcc"); err != nil {
			t.Skip("no C compiler")
		}
		dir := module(t, map[string]string{"app/app.go": "package app\n\n// int twice(int x) { return 2 * x; }\nimport \"C\"\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\n" +
			"func handle(w http.ResponseWriter, r *http.Request) {\n\tC.twice(2)\n\ttime.Sleep(time.Second)\n}\n"})
		out, code := runIn(t, dir, "./...")
		if code != 3 || !strings.Contains(out, "app.go:13:2: handle calls time.Sleep") {
			t.Errorf("got exit code %d and\n%s\nwant 3 and the finding", code, out)
		}
		out, code = runCmdIn(t, dir, "go", "vet", "-vettool="+blockcheck, "./...")
		if code != 1 || !strings.Contains(out, "app.go:13:2: handle calls time.Sleep") {
			t.Errorf("go vet: got exit code %d and\n%s\nwant 1 and the finding", code, out)
		}
	})
	t.Run("huge generated file", func(t *testing.T) {
		// 20,000 functions in a chain, and one function with a
		// 20,000-case switch.
		var src strings.Builder
		src.WriteString("// Code generated by TestBadInput. DO NOT EDIT.\n\npackage gen\n\nimport \"time\"\n\n")
		const n = 20000
		for i := range n {
			fmt.Fprintf(&src, "func F%d() { F%d() }\n", i, i+1)
		}
		fmt.Fprintf(&src, "func F%d() { time.Sleep(time.Second) }\n\nfunc Switch(i int) int {\n\tswitch i {\n", n)
		for i := range n {
			fmt.Fprintf(&src, "\tcase %d:\n\t\treturn %d\n", i, i*i)
		}
		src.WriteString("\t}\n\treturn 0\n}\n")
		dir := module(t, map[string]string{
			"gen/gen.go": src.String(),
			"app/app.go": "package app\n\nimport (\n\t\"net/http\"\n\n\t\"badinput/gen\"\n)\n\nfunc handle(w http.ResponseWriter, r *http.Request) {\n\tgen.F0()\n}\n",
		})
		out, code := runIn(t, dir, "./...")
		if code != 3 || !strings.Contains(out, "handle calls time.Sleep via gen.F0 → gen.F1 → gen.F2 → (19996 more) → gen.F19999 → gen.F20000") {
			t.Errorf("got exit code %d and\n%s\nwant 3 and the finding", code, out)
		}
	})
}

// TestModesAgree runs blockcheck standalone and under go vet over the
// analysistest packages in testdata/src, in GOPATH mode, and checks
// that both report the same findings at the same places: facts must
// survive go vet's separate processes and their serialisation.
func TestModesAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses many packages twice")
	}
	gopath, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	patterns := []string{"roots/...", "cpu/...", "blocking/...", "background", "chain/...", "negative/...", "directive/...", "regression/..."}
	heavy := "-heavy=directive/flag.Sign,(*directive/flag.Doc).Render"
	findings := func(name string, args ...string) []string {
		cmd := exec.Command(name, append(args, patterns...)...)
		cmd.Dir = gopath
		cmd.Env = append(os.Environ(), "GO111MODULE=off", "GOPATH="+gopath, "GOFLAGS=")
		out, _ := cmd.CombinedOutput() // findings make both exit non-zero
		var lines []string
		for line := range strings.SplitSeq(string(out), "\n") {
			file, rest, ok := strings.Cut(line, ": ")
			_, rel, inSrc := strings.Cut(file, "src"+string(filepath.Separator))
			if !ok || !inSrc || strings.HasPrefix(rest, "\t") {
				continue // not a finding, or related information
			}
			lines = append(lines, rel+": "+rest)
		}
		slices.Sort(lines)
		if len(lines) == 0 {
			t.Fatalf("%s reported nothing:\n%s", name, out)
		}
		return lines
	}
	standalone := findings(blockcheck, heavy)
	vet := findings("go", "vet", "-vettool="+blockcheck, heavy)
	if !slices.Equal(standalone, vet) {
		t.Errorf("standalone and go vet disagree:\n--- standalone\n%s\n--- go vet\n%s",
			strings.Join(standalone, "\n"), strings.Join(vet, "\n"))
	}
}

// copyExample copies what the example application needs to build
// (the module files, offload and the example) to a new directory.
func copyExample(t *testing.T) string {
	t.Helper()
	return copyModule(t, filepath.Join("testdata", "example"))
}

// copyModule copies the module files, offload and the directory rel of
// the repository to a new directory, which it returns.
func copyModule(t *testing.T, rel string) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, file := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, file), data, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	for _, sub := range []string{"offload", rel} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFixExample applies blockcheck's fixes to the example application,
// standalone and under go vet, and checks that the result builds, passes
// go vet and the example's own tests (the same responses as before), and
// no longer has the findings that were fixed.
func TestFixExample(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example several times")
	}
	dir := copyExample(t)
	if out, code := runCmdIn(t, dir, "go", "test", "./testdata/example/..."); code != 0 {
		t.Fatalf("the example's tests fail before the fix:\n%s", out)
	}
	before, _ := runIn(t, dir, "./testdata/example/...")
	// One round of fixes, shown as a diff, is what go vet -fix applies.
	diffDir := copyExample(t)
	diff, errOut, code := runSplit(t, diffDir, "-diff", "./testdata/example/...")
	if code != 3 || !strings.Contains(diff, "+++ b/testdata/example/handlers.go") {
		t.Fatalf("blockcheck -diff exited %d, want 3 and a diff of handlers.go:\n%s%s", code, diff, errOut)
	}
	patch := exec.Command("git", "apply", "-")
	patch.Dir = diffDir
	patch.Stdin = strings.NewReader(diff)
	if out, err := patch.CombinedOutput(); err != nil {
		t.Fatalf("git apply of blockcheck -diff: %v\n%s", err, out)
	}
	vetDir := copyExample(t)
	if out, code := runCmdIn(t, vetDir, "go", "vet", "-vettool="+blockcheck, "-fix", "./testdata/example/..."); code != 0 {
		t.Fatalf("go vet -fix exited %d:\n%s", code, out)
	}
	diffed, err := os.ReadFile(filepath.Join(diffDir, "testdata", "example", "handlers.go"))
	if err != nil {
		t.Fatal(err)
	}
	vetFixed, err := os.ReadFile(filepath.Join(vetDir, "testdata", "example", "handlers.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(diffed, vetFixed) {
		t.Errorf("blockcheck -diff and go vet -fix disagree")
	}
	// -fix goes on to a fixed point: every finding of the example has a
	// fix, in its handler's package or, round after round, down its
	// chain.
	if out, code := runIn(t, dir, "-fix", "./testdata/example/..."); code != 0 || strings.Contains(out, " calls ") {
		t.Fatalf("blockcheck -fix exited %d, want 0 and no finding left:\n%s", code, out)
	}
	fixed, err := os.ReadFile(filepath.Join(dir, "testdata", "example", "handlers.go"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "example-fixed-handlers.golden", string(fixed))
	for _, cmd := range [][]string{{"go", "build", "./testdata/example/..."}, {"go", "vet", "./testdata/example/..."}, {"go", "test", "./testdata/example/..."}} {
		if out, code := runCmdIn(t, dir, cmd[0], cmd[1:]...); code != 0 {
			t.Errorf("after the fix, %s fails:\n%s", strings.Join(cmd, " "), out)
		}
	}
	after, code := runIn(t, dir, "./testdata/example/...")
	if !strings.Contains(before, "bcrypt.GenerateFromPassword") || code != 0 || after != "" {
		t.Errorf("after the fix, blockcheck exited %d, want 0 and nothing:\n%s", code, after)
	}
}

// TestBaseline writes a baseline for the example, then adds a finding
// and checks that only the new one is reported.
// TestFixDependencySink checks that -fix does not thread the request's
// context through the application's helpers towards a blocking call
// that a dependency (here a vendored module, which has a version)
// makes: no context from the application would reach it. A package of
// the application's own gets the context.
func TestFixDependencySink(t *testing.T) {
	main := `package main

import (
	"net/http"

	"example.com/dep"
)

func find(name string) string {
	s, _ := dep.Lookup(name)
	return s
}

func handle(w http.ResponseWriter, r *http.Request) { w.Write([]byte(find(r.FormValue("q")))) }

func main() { http.HandleFunc("/", handle) }
`
	lookup := "package dep\n\nimport \"time\"\n\n// Lookup blocks without a context.\nfunc Lookup(name string) (string, error) {\n\ttime.Sleep(time.Millisecond)\n\treturn name, nil\n}\n"
	dir := module(t, map[string]string{
		"go.mod":                        "module app\n\ngo 1.26\n\nrequire example.com/dep v1.0.0\n",
		"vendor/modules.txt":            "# example.com/dep v1.0.0\n## explicit; go 1.26\nexample.com/dep\n",
		"vendor/example.com/dep/dep.go": lookup,
		"main.go":                       main,
	})
	out, code := runIn(t, dir, "-cache=off", "-fix", "./...")
	if code != 3 || !strings.Contains(out, "the call is made in a dependency (dep.Lookup), which no context from the application reaches") {
		t.Errorf("blockcheck -fix exited %d, want 3 and the finding's remedy for a call in a dependency:\n%s", code, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "main.go")); string(got) != main {
		t.Errorf("blockcheck -fix changed main.go:\n%s", got)
	}

	// The control: the same blocking call in a package of the module.
	dir = module(t, map[string]string{
		"go.mod":     "module example.com\n\ngo 1.26\n",
		"dep/dep.go": lookup,
		"main.go":    main,
	})
	if out, code := runIn(t, dir, "-cache=off", "-fix", "./..."); code != 0 {
		t.Errorf("blockcheck -fix of the module's own package exited %d, want 0:\n%s", code, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "main.go")); !strings.Contains(string(got), "func find(ctx context.Context, name string) string") {
		t.Errorf("blockcheck -fix did not give find a context:\n%s", got)
	}
}

func TestBaseline(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses the example several times")
	}
	dir := copyExample(t)
	out, code := runIn(t, dir, "-baseline=baseline.json", "./testdata/example/...")
	if code != 0 || !strings.Contains(out, "wrote 9 findings to baseline.json") {
		t.Fatalf("writing the baseline: exit %d\n%s", code, out)
	}
	if out, code := runIn(t, dir, "-baseline=baseline.json", "./testdata/example/..."); code != 0 || out != "" {
		t.Errorf("with nothing new: exit %d\n%s; want 0 and nothing", code, out)
	}
	// A new finding, and an edit above the old ones that moves them.
	newer := "package main\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\nfunc (s *server) slow(w http.ResponseWriter, r *http.Request) {\n\ttime.Sleep(time.Second)\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "testdata", "example", "slow.go"), []byte(newer), 0o666); err != nil {
		t.Fatal(err)
	}
	handlers := filepath.Join(dir, "testdata", "example", "handlers.go")
	src, err := os.ReadFile(handlers)
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte("type server struct"), []byte("// server serves the shop.\n//\n// It has handlers.\ntype server struct"), 1)
	if err := os.WriteFile(handlers, src, 0o666); err != nil {
		t.Fatal(err)
	}
	out, code = runIn(t, dir, "-baseline=baseline.json", "./testdata/example/...")
	if code != 3 || strings.Count(out, "\n") != 1 || !strings.Contains(out, "slow.go:9:2: server.slow calls time.Sleep") {
		t.Errorf("with one new finding: exit %d\n%s; want 3 and only server.slow", code, out)
	}
}

// TestFindingsAtOneCall checks findings of several categories at one
// call: sorted most severe first, whatever their messages, and each
// accepted by a baseline on its own.
func TestFindingsAtOneCall(t *testing.T) {
	at := token.Position{Filename: filepath.Join(currentDir(), "h.go"), Line: 3, Column: 2}
	mk := func(category, msg string) finding {
		return finding{Package: "p", Category: category, Message: msg, Posn: at}
	}
	findings := []finding{
		mk("background-context", "a calls sql.DB.QueryContext with context.Background() via p.f"),
		mk("blocking", "a calls sql.DB.Exec via p.f"),
		mk("cpu-heavy", "a calls image.Decode via p.f"),
	}
	sortFindings(findings)
	var got []string
	for _, f := range findings {
		got = append(got, f.Category)
	}
	if want := []string{"cpu-heavy", "blocking", "background-context"}; !slices.Equal(got, want) {
		t.Errorf("sorted categories %v, want %v", got, want)
	}

	file := filepath.Join(t.TempDir(), "baseline.json")
	if _, wrote, err := applyBaseline(file, findings[1:]); err != nil || !wrote {
		t.Fatalf("writing the baseline: wrote %v, %v", wrote, err)
	}
	fresh, _, err := applyBaseline(file, findings)
	if err != nil {
		t.Fatal(err)
	}
	if len(fresh) != 1 || fresh[0].Category != "cpu-heavy" {
		t.Errorf("findings new to the baseline: %v, want only the cpu-heavy one", fresh)
	}
}

// TestParseFlags checks that the flags combine, and that the
// combinations that make no sense get a one-line error that says what
// to do instead.
func TestParseFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // the error; "" for none
		opts options
	}{
		{[]string{"-mode=program", "-json", "./..."}, "", options{format: "json", context: -1, cache: true, tests: true, mode: "program"}},
		{[]string{"-json", "-format=json", "-fix", "-baseline=b.json", "-c=2", "./..."}, "", options{format: "json", context: 2, cache: true, fix: true, baseline: "b.json", tests: true, mode: "package"}},
		{[]string{"-diff", "-mode=program", "-trace", "-format", "sarif", "./..."}, "", options{format: "sarif", context: -1, cache: true, fix: true, diff: true, tests: true, mode: "program", trace: true}},
		{[]string{"-json=false", "-format=text", "./..."}, "", options{format: "text", context: -1, cache: true, tests: true, mode: "package"}},
		{[]string{"-cache=off", "./..."}, "", options{format: "text", context: -1, tests: true, mode: "package"}},
		{[]string{"-cache=maybe", "./..."}, "blockcheck: -cache=maybe: want -cache=on or -cache=off\n", options{}},
		{[]string{"-json", "-format", "sarif", "./..."}, "blockcheck: -json is -format=json: drop -json or -format=sarif\n", options{}},
		{[]string{"-trace", "./..."}, "blockcheck: -trace needs whole-program mode: add -mode=program\n", options{}},
		{[]string{"-mode=whole", "./..."}, "blockcheck: -mode=whole: want -mode=package or -mode=program\n", options{}},
		{[]string{"-json"}, "blockcheck: no packages given; try ./...\n", options{}},
	} {
		var stderr strings.Builder
		opts, _, err := parseFlags(tc.args, &stderr)
		if stderr.String() != tc.want || (err == nil) != (tc.want == "") {
			t.Errorf("%v: got error %v and %q, want %q", tc.args, err, stderr.String(), tc.want)
		}
		if opts != tc.opts {
			t.Errorf("%v: got %+v, want %+v", tc.args, opts, tc.opts)
		}
	}
}

// TestVetProtocol checks which command lines go to the standard
// unitchecker: go vet's, and only those.
func TestVetProtocol(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"-V=full"}, true},
		{[]string{"-flags"}, true},
		{[]string{"-json", "-heavy", "x.F", "/tmp/vet.cfg"}, true},
		{[]string{"-json", "-fix", "-c=1", "./..."}, false},
		{[]string{"-heavy", "-flags", "./..."}, false}, // the value of -heavy
		{[]string{"./...", "-flags"}, false},           // after the patterns: not a flag
	} {
		if got := vetProtocol(tc.args); got != tc.want {
			t.Errorf("%v: got %v, want %v", tc.args, got, tc.want)
		}
	}
}
