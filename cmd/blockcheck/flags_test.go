package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The end-to-end tests in this file run the README's flag combinations
// on testdata/flagsdemo, in both modes: four findings, of which three
// (in app.Signup, app.Wait and app.Report) have fixes and one (in
// app.Profile) has none.

// demo is the package pattern of testdata/flagsdemo, from the root.
const demo = "./testdata/flagsdemo/..."

// modes are the -mode flags, for the tests that run in both modes.
var modes = []string{"-mode=package", "-mode=program"}

// runSplit runs blockcheck with args in dir and returns its standard
// output and error apart, with dir replaced by $DIR, and its exit code.
func runSplit(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = execIn(t, dir, blockcheck, args, &out, &errOut)
	if strings.Contains(errOut.String(), "panic") {
		t.Errorf("blockcheck crashed:\n%s", errOut.String())
	}
	return strings.ReplaceAll(out.String(), dir, "$DIR"), strings.ReplaceAll(errOut.String(), dir, "$DIR"), code
}

// root returns the repository's root.
func root(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// findingLines returns the lines of text output that are findings, not
// chains or source lines.
func findingLines(out string) []string {
	var lines []string
	for line := range strings.SplitSeq(out, "\n") {
		if _, rest, ok := strings.Cut(line, ": "); ok && strings.HasPrefix(line, "$DIR") && !strings.HasPrefix(rest, "\t") {
			lines = append(lines, line)
		}
	}
	return lines
}

// jsonTree is the -json output: package → analyzer → findings.
type jsonTree map[string]map[string][]struct {
	Posn           string `json:"posn"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
	} `json:"suggested_fixes"`
}

// messages returns the findings of tree, as "posn: message (fixes)".
func (tree jsonTree) messages() []string {
	var list []string
	for _, byAnalyzer := range tree {
		for _, f := range byAnalyzer["blockcheck"] {
			list = append(list, strings.Join([]string{f.Posn, f.Message}, ": ")+strings.Repeat(" (fix)", len(f.SuggestedFixes)))
		}
	}
	slices.Sort(list)
	return list
}

// TestFlagsOutput checks the output flags, alone and together, in both
// modes: text, -c, -json (which is -format=json), -format=sarif and
// -trace.
func TestFlagsOutput(t *testing.T) {
	dir := root(t)
	var jsons []string
	for _, mode := range modes {
		stdout, stderr, code := runSplit(t, dir, mode, demo)
		if code != 3 || stdout != "" || len(findingLines(stderr)) != 4 {
			t.Errorf("%s: exit %d, stdout %q and\n%s\nwant 3 and four findings on stderr", mode, code, stdout, stderr)
		}

		_, stderr, code = runSplit(t, dir, mode, "-c=1", demo)
		for _, want := range []string{
			"app.go:35:2: Server.Wait calls time.Sleep: time.Sleep ignores the request's cancellation; wait in a select on the timer and ctx.Done()\n" +
				"34\tfunc (s *Server) Wait(w http.ResponseWriter, r *http.Request) {\n35\t\ttime.Sleep(time.Second)\n36\t\tw.WriteHeader(http.StatusNoContent)\n",
			"hash.go:8:9: \thash.Password calls bcrypt.GenerateFromPassword\n7\tfunc Password(password string) ([]byte, error) {\n",
		} {
			if code != 3 || !strings.Contains(stderr, want) {
				t.Errorf("%s -c=1: exit %d and\n%s\nwant 3 and\n%s", mode, code, stderr, want)
			}
		}

		out, stderr, code := runSplit(t, dir, mode, "-json", demo)
		same, _, _ := runSplit(t, dir, mode, "-format=json", demo)
		var tree jsonTree
		if err := json.Unmarshal([]byte(out), &tree); err != nil || code != 0 || stderr != "" {
			t.Fatalf("%s -json: exit %d, %v, stderr %q", mode, code, err, stderr)
		}
		if got := tree.messages(); len(got) != 4 || strings.Count(strings.Join(got, "\n"), "(fix)") != 3 {
			t.Errorf("%s -json: got\n%s\nwant four findings, three with a fix", mode, strings.Join(got, "\n"))
		}
		if out != same {
			t.Errorf("%s: -json and -format=json differ:\n%s\n%s", mode, out, same)
		}
		jsons = append(jsons, out)

		out, _, code = runSplit(t, dir, mode, "-format=sarif", demo)
		var log struct {
			Runs []struct {
				Results []json.RawMessage `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(out), &log); err != nil || code != 0 || len(log.Runs) != 1 || len(log.Runs[0].Results) != 4 {
			t.Errorf("%s -format=sarif: exit %d, %v, want 0 and four results:\n%s", mode, code, err, out)
		}
	}
	// Every call in the module is static: the modes agree, fixes and all.
	if jsons[0] != jsons[1] {
		t.Errorf("-json differs between the modes:\n%s\n%s", jsons[0], jsons[1])
	}

	for _, args := range [][]string{{"-mode=program", "-trace"}, {"-mode=program", "-trace", "-c=0"}} {
		_, stderr, code := runSplit(t, dir, append(args, demo)...)
		wants := []string{"Traces, one per root and sink, shortest first:\n\n#1: Server.Wait reaches time.Sleep (blocking)\n\ttestdata/flagsdemo/app/app.go:35:2: Server.Wait calls time.Sleep\n"}
		if slices.Contains(args, "-c=0") {
			wants = append(wants, "app.go:35:2: Server.Wait calls time.Sleep: time.Sleep ignores the request's cancellation; wait in a select on the timer and ctx.Done()\n35\t\ttime.Sleep(time.Second)\n")
		}
		for _, want := range wants {
			if code != 3 || len(findingLines(stderr)) != 4 || !strings.Contains(stderr, want) {
				t.Errorf("%v: exit %d and\n%s\nwant 3, four findings and\n%s", args, code, stderr, want)
			}
		}
	}
}

// TestFlagsFix checks -fix and -diff, alone and with -json, in both
// modes: the same edits, which build, and only the finding without a
// fix left, at its new position.
func TestFlagsFix(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses and builds several copies of a module")
	}
	app := filepath.Join("testdata", "flagsdemo", "app", "app.go")
	original, err := os.ReadFile(filepath.Join(root(t), app))
	if err != nil {
		t.Fatal(err)
	}
	var fixed, diffs []string
	for _, mode := range modes {
		dir := copyModule(t, filepath.Join("testdata", "flagsdemo"))
		diff, stderr, code := runSplit(t, dir, mode, "-diff", demo)
		left := findingLines(stderr)
		if code != 3 || len(left) != 1 || !strings.Contains(left[0], "app.go:51:15: Server.Profile calls sql.DB.QueryRow") {
			t.Errorf("%s -diff: exit %d and\n%s\nwant 3 and the one finding without a fix", mode, code, stderr)
		}
		if !strings.HasPrefix(diff, "--- a/testdata/flagsdemo/app/app.go\n+++ b/testdata/flagsdemo/app/app.go\n@@ ") ||
			!strings.Contains(diff, "+\tout, err := exec.CommandContext(r.Context(), \"uptime\").Output()\n") {
			t.Errorf("%s -diff: got\n%s\nwant a diff of app.go", mode, diff)
		}
		if now, err := os.ReadFile(filepath.Join(dir, app)); err != nil || !bytes.Equal(now, original) {
			t.Errorf("%s -diff changed app.go (%v)", mode, err)
		}
		diffs = append(diffs, diff)

		// -fix goes on to a fixed point. In per-package mode a later
		// round gives store.Name a context and Profile passes the
		// request's; whole-program mode, which names no calls in other
		// packages (-fix-at), leaves that finding, moved to line 62.
		out, stderr, code := runSplit(t, dir, mode, "-fix", demo)
		wantLeft, wantCode := []string(nil), 0
		if mode == "-mode=program" {
			wantLeft, wantCode = []string{strings.Replace(left[0], ":51:", ":62:", 1)}, 3
		}
		if code != wantCode || out != "" || !slices.Equal(findingLines(stderr), wantLeft) || !strings.Contains(stderr, "-fix round 1: applied 3 fixes") {
			t.Errorf("%s -fix: exit %d and\n%s\nwant %d, three fixes in the first round and the findings %q", mode, code, stderr, wantCode, wantLeft)
		}
		after, _, _ := runSplit(t, dir, mode, demo)
		if after != "" {
			t.Errorf("%s: a run after -fix printed %q on stdout", mode, after)
		}
		if _, again, _ := runSplit(t, dir, mode, demo); !slices.Equal(findingLines(again), wantLeft) {
			t.Errorf("%s: -fix left %q but a run after it reports\n%s", mode, wantLeft, again)
		}
		data, err := os.ReadFile(filepath.Join(dir, app))
		if err != nil {
			t.Fatal(err)
		}
		fixed = append(fixed, string(data))
		for _, cmd := range [][]string{{"go", "build", demo}, {"go", "vet", demo}} {
			if out, code := runCmdIn(t, dir, cmd[0], cmd[1:]...); code != 0 {
				t.Errorf("%s: after -fix, %s fails:\n%s", mode, strings.Join(cmd, " "), out)
			}
		}

		out, _, code = runSplit(t, dir, mode, "-json", "-fix", demo)
		var tree jsonTree
		if err := json.Unmarshal([]byte(out), &tree); err != nil || code != 0 || len(tree.messages()) != len(wantLeft) {
			t.Errorf("%s -json -fix on fixed code: exit %d, %v and\n%s\nwant 0 and the findings left", mode, code, err, out)
		}
	}
	if diffs[0] != diffs[1] {
		t.Errorf("the modes' first rounds differ:\n%s\n%s", diffs[0], diffs[1])
	}
	if _, err := exec.LookPath("patch"); err == nil {
		dir := copyModule(t, filepath.Join("testdata", "flagsdemo"))
		cmd := exec.Command("patch", "-p1")
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(diffs[0])
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("patch -p1 < the -diff output: %v\n%s", err, out)
		}
		// The diff is the first round: -fix after it ends where -fix
		// from the start does.
		runSplit(t, dir, "-fix", demo)
		if data, err := os.ReadFile(filepath.Join(dir, app)); err != nil || string(data) != fixed[0] {
			t.Errorf("patch -p1 with the -diff output, then -fix, gives\n%s\nnot what -fix writes (%v)", data, err)
		}
	}
}

// TestFlagsBaselineFix checks that -fix leaves alone the findings a
// baseline accepts, and fixes the new ones, in both modes.
func TestFlagsBaselineFix(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses several copies of a module")
	}
	newer := "package app\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\n// Slow is new.\nfunc (s *Server) Slow(w http.ResponseWriter, r *http.Request) {\n\ttime.Sleep(time.Second)\n}\n"
	for _, mode := range modes {
		dir := copyModule(t, filepath.Join("testdata", "flagsdemo"))
		app := filepath.Join(dir, "testdata", "flagsdemo", "app")
		if _, stderr, code := runSplit(t, dir, mode, "-baseline=b.json", "-fix", demo); code != 0 || !strings.Contains(stderr, "wrote 4 findings to b.json") {
			t.Fatalf("%s: writing the baseline: exit %d\n%s", mode, code, stderr)
		}
		before, err := os.ReadFile(filepath.Join(app, "app.go"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(app, "slow.go"), []byte(newer), 0o666); err != nil {
			t.Fatal(err)
		}
		out, stderr, code := runSplit(t, dir, mode, "-baseline=b.json", "-fix", "-json", demo)
		if code != 0 || strings.TrimSpace(out) != "{}" || len(findingLines(stderr)) > 0 || !strings.Contains(stderr, "-fix round 1: applied 1 fixes") {
			t.Errorf("%s -baseline -fix -json: exit %d, output %s and %q; want 0, no findings left and one fix applied", mode, code, out, stderr)
		}
		after, err := os.ReadFile(filepath.Join(app, "app.go"))
		if err != nil || !bytes.Equal(before, after) {
			t.Errorf("%s: -fix changed app.go, whose findings the baseline accepts (%v)", mode, err)
		}
		slow, err := os.ReadFile(filepath.Join(app, "slow.go"))
		if err != nil || !strings.Contains(string(slow), "case <-r.Context().Done():") {
			t.Errorf("%s: -fix did not fix slow.go, new to the baseline:\n%s", mode, slow)
		}
	}
}

// TestHelp checks that -h lists one set of flags, each once.
func TestHelp(t *testing.T) {
	_, stderr, code := runSplit(t, root(t), "-h")
	if code != 0 {
		t.Errorf("-h: exit %d", code)
	}
	for _, flag := range []string{"-json", "-c", "-fix", "-diff", "-format", "-baseline", "-mode", "-trace", "-test", "-heavy"} {
		if n := strings.Count(stderr, "\n  "+flag+" ") + strings.Count(stderr, "\n  "+flag+"\n"); n != 1 {
			t.Errorf("-h lists %s %d times:\n%s", flag, n, stderr)
		}
	}
	if strings.Contains(stderr, "standard") {
		t.Errorf("-h still speaks of a standard driver:\n%s", stderr)
	}
}

// TestVetQueries checks that go vet's queries still get unitchecker's
// answers.
func TestVetQueries(t *testing.T) {
	out, _, code := runSplit(t, root(t), "-V=full")
	if code != 0 || !strings.Contains(out, "blockcheck version ") {
		t.Errorf("-V=full: exit %d and %q", code, out)
	}
	out, _, code = runSplit(t, root(t), "-flags")
	var flags []struct{ Name string }
	if err := json.Unmarshal([]byte(out), &flags); err != nil || code != 0 ||
		!slices.ContainsFunc(flags, func(f struct{ Name string }) bool { return f.Name == "heavy" }) {
		t.Errorf("-flags: exit %d, %v and %q; want the analyzer's flags as JSON", code, err, out)
	}
}
