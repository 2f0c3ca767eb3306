package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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
