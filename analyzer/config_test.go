package analyzer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"unknown key", "heavy: [a.B]\nslow: [x.Y]\n", "x.yml: 2: field slow not found"},
		{"bad category", "categories: [slow]\n", `x.yml: categories: unknown category "slow"`},
		{"no reason", "ignore-sinks:\n  - name: time.Sleep\n", "x.yml: ignore-sinks: time.Sleep needs a reason"},
		{"root without a reason", "ignore-roots:\n  - name: (example.com/a.I).*\n", "x.yml: ignore-roots: (example.com/a.I).* needs a reason"},
		{"root not a name", "ignore-roots:\n  - {name: Configure, reason: r}\n", `x.yml: ignore-roots: "Configure" is not a full function name`},
		{"bad name", "heavy: [Render]\n", `x.yml: heavy: "Render" is not a full function name`},
		{"not yaml", "heavy: [\n", "x.yml: "},
	} {
		_, err := ParseConfig("x.yml", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	cfg, err := ParseConfig("x.yml", []byte("# nothing set\n"))
	if err != nil || len(cfg.Heavy) != 0 {
		t.Errorf("an empty file: got %+v, %v", cfg, err)
	}
}

func TestFindConfig(t *testing.T) {
	root := t.TempDir()
	mod := filepath.Join(root, "mod")
	pkg := filepath.Join(mod, "a", "b")
	if err := os.MkdirAll(pkg, 0o777); err != nil {
		t.Fatal(err)
	}
	write := func(path, content string) {
		if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, ConfigFile), "heavy: [outside.Module]\n") // above the module: not read
	write(filepath.Join(mod, "go.mod"), "module mod\n")
	if cfg, err := FindConfig(pkg); err != nil || len(cfg.Heavy) != 0 {
		t.Errorf("with no file in the module: got %+v, %v; want nothing", cfg, err)
	}
	// Results are cached per directory for the life of the process, so
	// the second case is a module of its own.
	mod2 := filepath.Join(root, "mod2")
	sub := filepath.Join(mod2, "a", "b", "c")
	if err := os.MkdirAll(sub, 0o777); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(mod2, "go.mod"), "module mod2\n")
	write(filepath.Join(mod2, "a", ConfigFile), "heavy: [mod/a.Render]\n")
	if cfg, err := FindConfig(sub); err != nil || len(cfg.Heavy) != 1 || cfg.Heavy[0] != "mod/a.Render" {
		t.Errorf("got %+v, %v; want the file in mod/a", cfg, err)
	}
}
