package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blockcheck/blockcheck/analyzer"
)

func TestSummarize(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want stat
	}{
		{nil, stat{}},
		{[]float64{3}, stat{N: 1, Med: 3, Min: 3, Max: 3}},
		{[]float64{5, 1, 3}, stat{N: 3, Med: 3, Min: 1, Max: 5}},
		{[]float64{4, 1, 3, 2}, stat{N: 4, Med: 2.5, Min: 1, Max: 4}},
	} {
		if got := summarize(tc.in); got != tc.want {
			t.Errorf("summarize(%v) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// TestRatiosPairByPair checks that ratios compare runs of the same batch
// and round, and leave out timeouts.
func TestRatiosPairByPair(t *testing.T) {
	mk := func(batch, tool string, round int, wall float64, status string) run {
		return run{Batch: batch, Module: "m", LOC: 1000, Tool: tool, Round: round, Wall: time.Duration(wall * float64(time.Second)), Status: status, MaxRSS: 1 << 20}
	}
	runs := []run{
		mk("a", "govet", 1, 10, "ok"), mk("a", "vet-cold", 1, 5, "ok"),
		mk("a", "govet", 2, 20, "ok"), mk("a", "vet-cold", 2, 5, "ok"),
		mk("a", "govet", 3, 30, "timeout"), mk("a", "vet-cold", 3, 6, "ok"),
		mk("b", "vet-cold", 4, 7, "exit 2"), // no go vet run in its batch
	}
	var cold cell
	for _, c := range summarizeRuns(runs) {
		if c.Tool == "vet-cold" {
			cold = c
		}
	}
	if want := (stat{N: 2, Med: 0.375, Min: 0.25, Max: 0.5}); cold.VsGovet != want {
		t.Errorf("vet-cold ÷ go vet = %+v, want %+v", cold.VsGovet, want)
	}
	if cold.Wall.N != 4 || cold.Failed != 1 || cold.Timeouts != 0 {
		t.Errorf("vet-cold: %d runs summarised, %d failed, %d timeouts; want 4, 1, 0", cold.Wall.N, cold.Failed, cold.Timeouts)
	}
}

// TestWarmRatios checks that a warm run is compared with the
// baselines' warm runs of its round, not with their uncached ones.
func TestWarmRatios(t *testing.T) {
	mk := func(tool string, round int, wall float64) run {
		return run{Batch: "a", Module: "m", LOC: 1000, Tool: tool, Round: round, Wall: time.Duration(wall * float64(time.Second)), Status: "ok", MaxRSS: 1 << 20}
	}
	runs := []run{
		mk("staticcheck", 1, 40), mk("staticcheck-warm", 1, 2), mk("standalone", 1, 10), mk("standalone-warm", 1, 1),
		mk("staticcheck", 2, 50), mk("staticcheck-warm", 2, 4), mk("standalone", 2, 10), mk("standalone-warm", 2, 1),
		mk("govet", 1, 20), mk("govet-warm", 1, 0.5), mk("vet-warm", 1, 1),
	}
	want := map[string]stat{
		"standalone":      {N: 2, Med: 0.225, Min: 0.2, Max: 0.25},
		"standalone-warm": {N: 2, Med: 0.375, Min: 0.25, Max: 0.5},
	}
	for _, c := range summarizeRuns(runs) {
		if w, ok := want[c.Tool]; ok && c.VsStaticcheck != w {
			t.Errorf("%s ÷ staticcheck = %+v, want %+v", c.Tool, c.VsStaticcheck, w)
		}
		if w := (stat{N: 1, Med: 2, Min: 2, Max: 2}); c.Tool == "vet-warm" && c.VsGovet != w {
			t.Errorf("vet-warm ÷ go vet = %+v, want %+v (against go vet's warm run)", c.VsGovet, w)
		}
	}
}

func TestCountLines(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"go.mod":                 "module m\n",
		"a.go":                   "package m\n\nfunc A() {}\n", // 3
		"b.go":                   "package m",                  // 1, no final newline
		"a_test.go":              "package m\n",
		"sub/c.go":               "package sub\n\n", // 2
		"sub/notes.txt":          "x\n",
		"vendor/v/v.go":          "package v\n",
		"testdata/t.go":          "package t\n",
		"_skip/s.go":             "package s\n",
		".hidden/h.go":           "package h\n",
		"nested/go.mod":          "module n\n",
		"nested/n.go":            "package n\n",
		"sub/deeper/testdata.go": "package deeper\n", // 1: a file, not a testdata directory
	}
	for name, text := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	got, err := countLines(root)
	if err != nil {
		t.Fatal(err)
	}
	if got != 7 {
		t.Errorf("countLines = %d, want 7", got)
	}
}

func TestRunsRoundTrip(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	runs := []run{{
		Batch: "2026-01-02T03:04:00Z", Module: "m", LOC: 1234, Tool: "vet-warm", Round: 2, Start: start,
		Wall: 1500 * time.Millisecond, CPU: 2250 * time.Millisecond, MaxRSS: 100 << 20, Exit: 1, Status: "ok", Load1: 1.25, Blockcheck: "abc1234",
	}}
	var buf bytes.Buffer
	if err := writeRuns(&buf, runs); err != nil {
		t.Fatal(err)
	}
	got, err := readRuns(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != runs[0] {
		t.Errorf("read back %+v, want %+v", got, runs)
	}
}

func TestReplaceSection(t *testing.T) {
	doc := "# Perf\n\n" + sectionBegin + "\nold\n" + sectionEnd + "\n\nNotes.\n"
	got, err := replaceSection(doc, "new table\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "# Perf\n\n" + sectionBegin + "\nnew table\n" + sectionEnd + "\n\nNotes.\n"; got != want {
		t.Errorf("replaceSection = %q, want %q", got, want)
	}
	if _, err := replaceSection("no markers", "x"); err == nil {
		t.Error("replaceSection without markers succeeded")
	}
}

func TestPickTools(t *testing.T) {
	got, err := pickTools("program,govet")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "govet" || got[1].Name != "program" {
		t.Errorf("pickTools kept %v, want govet then program", got)
	}
	if _, err := pickTools("vet"); err == nil {
		t.Error("pickTools accepted an unknown tool")
	}
	def, err := pickTools("")
	if err != nil {
		t.Fatal(err)
	}
	if len(def) != len(tools)-1 || slices.ContainsFunc(def, func(t tool) bool { return t.Extra }) {
		t.Errorf("pickTools() = %v, want all but the extra tools", def)
	}
}

// TestNonceFlagAccepted checks that blockcheck takes the flag that makes
// go vet miss its cache, so that a change of its checks does not make
// every uncached run fail.
func TestNonceFlagAccepted(t *testing.T) {
	flag := vetNonceFlag(blockcheck, "18eb2fa513c35d0cn3")
	name, value, _ := strings.Cut(strings.TrimPrefix(flag, "-"), "=")
	if err := analyzer.Analyzer.Flags.Set(name, value); err != nil {
		t.Errorf("blockcheck rejects %s: %v", flag, err)
	}
}

func TestExecuteTimeout(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs sh")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("needs sh")
	}
	// The grandchild must die with its parent, or it would hold the
	// test's output open.
	out, err := execute(context.Background(), t.TempDir(), []string{"sh", "-c", "sleep 30 & wait"}, os.Environ(), nil, nil, 200*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if !out.TimedOut || out.Wall > 10*time.Second {
		t.Errorf("execute: timed out %v after %v; want a timeout after about 200ms", out.TimedOut, out.Wall)
	}
}

func TestExecuteMeasures(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := execute(context.Background(), t.TempDir(), []string{goBin, "env", "GOROOT"}, os.Environ(), nil, nil, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if out.Exit != 0 || out.TimedOut || out.Wall <= 0 {
		t.Errorf("execute(go env) = %+v", out)
	}
	if runtime.GOOS == "linux" && out.MaxRSS < 1<<20 {
		t.Errorf("execute(go env): peak memory %d bytes, want at least 1 MiB", out.MaxRSS)
	}
}

// TestMarkdownTargets checks the targets table on two made-up modules.
func TestMarkdownTargets(t *testing.T) {
	var runs []run
	add := func(module string, loc int, tool string, wall float64, rss int64) {
		runs = append(runs, run{Batch: "b", Module: module, LOC: loc, Tool: tool, Round: 1, Status: "ok",
			Wall: time.Duration(wall * float64(time.Second)), MaxRSS: rss << 20, Load1: 1})
	}
	// small: every target met; big: every target missed.
	add("small", 10000, "govet", 10, 100)
	add("small", 10000, "staticcheck", 20, 400)
	add("small", 10000, "vet-cold", 4, 100)
	add("small", 10000, "vet-warm", 0.5, 40)
	add("small", 10000, "standalone", 8, 300)
	add("big", 100000, "govet", 100, 100)
	add("big", 100000, "staticcheck", 100, 400)
	add("big", 100000, "vet-cold", 150, 100)
	add("big", 100000, "vet-warm", 2, 40)
	add("big", 100000, "standalone", 90, 800)
	md := markdown(machine{Cores: 2}, runs, "img")
	for _, want := range []string{
		"| small | 0.40 ✓ (stretch ✓) | 0.50 (max 0.50) ✓ | 0.40 ✓ | 0.75 ✓ |",
		"| big | 1.50 ✗ | 2.00 (max 2.00) ✗ | 0.90 ✗ | 2.00 ✗ |",
		"| all: geometric mean (warm: slowest) | 0.77 ✓ | 2.00 ✗ | 0.60 ✗ | 1.22 ✗ |",
		// standalone costs 0.8 s per kLOC in small and 0.9 in big.
		"| big | 100 | 1000 (1.00) | 1000 (0.50) | 1500 (3.75) ✗ | 20 (0.40) | 900 (1.12) ✓ |",
		"](img/loc-vs-time.png)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}
