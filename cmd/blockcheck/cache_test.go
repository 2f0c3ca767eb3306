package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// cacheStats matches the line BLOCKCHECK_DEBUG=cache prints.
var cacheStats = regexp.MustCompile(`blockcheck: cache: (\d+) hits, (\d+) misses\n`)

// runCached runs blockcheck in dir with a cache in cacheDir, and
// returns its standard output, its standard error without the cache's
// statistics, and those.
func runCached(t *testing.T, dir, cacheDir string, args ...string) (stdout, stderr, stats string) {
	t.Helper()
	t.Setenv("BLOCKCHECK_CACHE", cacheDir)
	t.Setenv("BLOCKCHECK_DEBUG", "cache")
	stdout, stderr, _ = runSplit(t, dir, args...)
	if m := cacheStats.FindStringSubmatch(stderr); m != nil {
		stats = m[1] + " hits, " + m[2] + " misses"
	}
	return stdout, cacheStats.ReplaceAllString(stderr, ""), stats
}

// TestCache checks that a second run takes the results of the
// packages that match from the cache, reading no other entry and
// loading nothing for analysis, that a run after an edit analyses only
// the packages the edit affects, and that the output is the same as
// without the cache, fixes included.
func TestCache(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses a module several times")
	}
	dir := copyModule(t, filepath.Join("testdata", "flagsdemo"))
	cacheDir := t.TempDir()
	cold, _, stats := runCached(t, dir, cacheDir, "-json", demo)
	if !strings.HasPrefix(stats, "0 hits, ") {
		t.Errorf("first run: %s, want no hits", stats)
	}
	// The three packages of flagsdemo, not their dependencies.
	warm, notes, stats := runCached(t, dir, cacheDir, "-json", demo)
	if want := "3 hits, 0 misses"; stats != want || warm != cold {
		t.Errorf("second run: %s and\n%s\nwant %s and the first run's output\n%s", stats, warm, want, cold)
	}
	if !strings.Contains(notes, "all found: true") || strings.Contains(notes, "for analysis") {
		t.Errorf("second run noted\n%s\nwant every package found and none loaded for analysis", notes)
	}
	off, _, stats := runCached(t, dir, cacheDir, "-cache=off", "-json", demo)
	if stats != "" || off != cold {
		t.Errorf("-cache=off: %q and\n%s\nwant no cache and the same output", stats, off)
	}

	// An edit of app, which no other package imports: only app is
	// analysed, with the facts of hash and store from the cache.
	app := filepath.Join(dir, "testdata", "flagsdemo", "app", "app.go")
	src, err := os.ReadFile(app)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(app, append([]byte("// Edited.\n"), src...), 0o666); err != nil {
		t.Fatal(err)
	}
	edited, _, stats := runCached(t, dir, cacheDir, "-json", demo)
	if off, _, _ := runCached(t, dir, cacheDir, "-cache=off", "-json", demo); edited != off || !strings.HasSuffix(stats, " 1 misses") {
		t.Errorf("after an edit of app: %s and\n%s\nwant 1 miss and the output without the cache\n%s", stats, edited, off)
	}

	// -fix from cached diagnostics (its first round) writes what it
	// writes without the cache.
	if _, stderr, stats := runCached(t, dir, cacheDir, "-fix", demo); !strings.HasSuffix(stats, " 0 misses") || !strings.Contains(stderr, "-fix round 1: applied") {
		t.Errorf("-fix: %s and\n%s\nwant only hits in the first round, and fixes applied", stats, stderr)
	}
	fixed, err := os.ReadFile(app)
	if err != nil {
		t.Fatal(err)
	}
	uncached := copyModule(t, filepath.Join("testdata", "flagsdemo"))
	if err := os.WriteFile(filepath.Join(uncached, "testdata", "flagsdemo", "app", "app.go"), append([]byte("// Edited.\n"), src...), 0o666); err != nil {
		t.Fatal(err)
	}
	runCached(t, uncached, cacheDir, "-cache=off", "-fix", demo)
	if want, err := os.ReadFile(filepath.Join(uncached, "testdata", "flagsdemo", "app", "app.go")); err != nil || string(want) != string(fixed) {
		t.Errorf("-fix with the cache wrote\n%s\nwithout\n%s", fixed, want)
	}
}

// TestCacheAgrees runs blockcheck over the analysistest packages in
// testdata/src, in GOPATH mode, without the cache, then twice with it,
// and checks that the three print the same JSON, byte for byte:
// findings, chains and fixes survive the cache.
func TestCacheAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses many packages three times")
	}
	gopath, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	cacheDir := t.TempDir()
	patterns := []string{"roots/...", "cpu/...", "blocking/...", "background", "chain/...", "negative/...", "directive/...", "regression/...", "fix/..."}
	run := func(args ...string) (string, string) {
		cmd := exec.Command(blockcheck, append(append([]string{"-json", "-heavy=directive/flag.Sign"}, args...), patterns...)...)
		cmd.Dir = gopath
		cmd.Env = append(os.Environ(), "GO111MODULE=off", "GOPATH="+gopath, "GOFLAGS=", "BLOCKCHECK_CACHE="+cacheDir, "BLOCKCHECK_DEBUG=cache")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, _ := cmd.Output() // findings or errors may make it exit non-zero
		return string(out), cacheStats.FindString(stderr.String())
	}
	off, _ := run("-cache=off")
	cold, coldStats := run()
	warm, warmStats := run()
	if strings.Count(off, `"message"`) < 50 || strings.Count(off, `"suggested_fixes"`) < 10 {
		t.Fatalf("too few findings or fixes to compare:\n%s", off)
	}
	if cold != off || warm != off {
		t.Errorf("the outputs differ: without the cache, with it cold (%s) and warm (%s)", coldStats, warmStats)
	}
	if !strings.Contains(warmStats, " 0 misses") {
		t.Errorf("the warm run: %s, want no misses", warmStats)
	}
}

// TestFixRemovesImports checks that a fix that leaves an import unused
// removes it, as go vet -fix does, in both modes and from the cache:
// the names of imported packages come from go list, not from types,
// which a package found in the cache does not have.
func TestFixRemovesImports(t *testing.T) {
	const src = "package app\n\nimport (\n\t\"context\"\n\t\"database/sql\"\n\t\"net/http\"\n)\n\nvar db *sql.DB\n\nfunc handle(w http.ResponseWriter, r *http.Request) {\n\tdb.QueryContext(context.Background(), \"SELECT 1\")\n}\n"
	const want = "package app\n\nimport (\n\t\"database/sql\"\n\t\"net/http\"\n)\n\nvar db *sql.DB\n\nfunc handle(w http.ResponseWriter, r *http.Request) {\n\tdb.QueryContext(r.Context(), \"SELECT 1\")\n}\n"
	cacheDir := t.TempDir()
	for _, args := range [][]string{{"-mode=package", "-cache=off"}, {"-mode=package"}, {"-mode=program"}} {
		dir := module(t, map[string]string{"app/app.go": src})
		runCached(t, dir, cacheDir, append(args, "./...")...) // fills the cache
		_, _, stats := runCached(t, dir, cacheDir, append(args, "-fix", "./...")...)
		if slices.Contains(args, "-mode=package") && !slices.Contains(args, "-cache=off") && stats != "1 hits, 0 misses" {
			t.Errorf("%v -fix: cache %s, want its results from the cache", args, stats)
		}
		got, err := os.ReadFile(filepath.Join(dir, "app", "app.go"))
		if err != nil || string(got) != want {
			t.Errorf("%v -fix (cache: %s) wrote\n%s\nwant\n%s", args, stats, got, want)
		}
	}
}
