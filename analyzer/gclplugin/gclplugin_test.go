package gclplugin

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer"
)

// settings parses YAML as golangci-lint hands it to plugins: generic
// maps and lists.
func settings(t *testing.T, src string) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(src), &v); err != nil {
		t.Fatalf("parsing %q: %v", src, err)
	}
	return v
}

// configOf returns the options of a plugin built by New.
func configOf(t *testing.T, p register.LinterPlugin) analyzer.Config {
	t.Helper()
	as, err := p.BuildAnalyzers()
	if err != nil || len(as) != 1 {
		t.Fatalf("BuildAnalyzers: got %d analyzers, %v; want one", len(as), err)
	}
	return p.(*plugin).cfg
}

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      analyzer.Config
	}{
		{"no settings", "", analyzer.Config{}},
		{"empty", "{}", analyzer.Config{}},
		{"empty keys", "heavy:\nblocking: []\n", analyzer.Config{}},
		{"every key", `
heavy: [example.com/pdf.Render, (*example.com/img.Resizer).Resize]
blocking: [(*example.com/queue.Client).Push]
root-params: [example.com/web.Context]
categories: [cpu-heavy, blocking]
ignore-sinks:
  - name: (*database/sql.DB).Ping
    reason: the pool pings an open connection
  - {name: time.Sleep, reason: bounded retries}
ignore-roots:
  - {name: (example.com/config.ConfigServer).*, reason: runs when a plugin is loaded}
`, analyzer.Config{
			Heavy:      []string{"example.com/pdf.Render", "(*example.com/img.Resizer).Resize"},
			Blocking:   []string{"(*example.com/queue.Client).Push"},
			RootParams: []string{"example.com/web.Context"},
			Categories: []string{"cpu-heavy", "blocking"},
			IgnoreSinks: []analyzer.IgnoredSink{
				{Name: "(*database/sql.DB).Ping", Reason: "the pool pings an open connection"},
				{Name: "time.Sleep", Reason: "bounded retries"},
			},
			IgnoreRoots: []analyzer.IgnoredRoot{
				{Name: "(example.com/config.ConfigServer).*", Reason: "runs when a plugin is loaded"},
			},
		}},
	} {
		p, err := New(settings(t, tc.src))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := configOf(t, p); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

// TestNewEveryKey checks that decode reads every option of Config:
// one added to Config but not to decode would be lost here.
func TestNewEveryKey(t *testing.T) {
	want := analyzer.Config{}
	v := reflect.ValueOf(&want).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Interface().(type) {
		case []string:
			f.Set(reflect.ValueOf([]string{"example.com/a.B"}))
		case bool:
			f.SetBool(true)
		case []analyzer.IgnoredSink:
			f.Set(reflect.ValueOf([]analyzer.IgnoredSink{{Name: "example.com/a.C", Reason: "why"}}))
		case []analyzer.IgnoredRoot:
			f.Set(reflect.ValueOf([]analyzer.IgnoredRoot{{Name: "(example.com/a.I).*", Reason: "why not"}}))
		default:
			t.Fatalf("Config.%s has a type, %s, that this test does not know", v.Type().Field(i).Name, f.Type())
		}
	}
	want.Categories = []string{"blocking"}
	data, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	p, err := New(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got := configOf(t, p); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestNewErrors(t *testing.T) {
	const at = "linters.settings.custom.blockcheck.settings: "
	for _, tc := range []struct{ name, src, want string }{
		// Unknown keys, at the top and in ignore-sinks.
		{"unknown key", "heavy: [a.B]\nslow: [x.Y]\n", `unknown key "slow" (want heavy, blocking, root-params, roots, lambda, categories, ignore-sinks or ignore-roots)`},
		{"first unknown key in order", "zzz: 1\naaa: 2\n", `unknown key "aaa"`},
		{"key in another case", "Heavy: [a.B]\n", `unknown key "Heavy"`},
		{"flag name", "ignore-sink: [a.B]\n", `unknown key "ignore-sink"`},
		{"unknown key in ignore-sinks", "ignore-sinks:\n  - {name: a.B, reason: r}\n  - {name: a.C, why: r}\n", `ignore-sinks[1]: unknown key "why" (want name or reason)`},
		// Values of the wrong shape.
		{"not a mapping", "[heavy]\n", "want a mapping with keys heavy, blocking, root-params, roots, lambda, categories, ignore-sinks and ignore-roots, got a list"},
		{"a string for a list", "heavy: a.B\n", "heavy: want a list, got a string"},
		{"a mapping for a list", "root-params: {a: b}\n", "root-params: want a list, got a mapping"},
		{"a number in a list", "blocking: [a.B, 42]\n", "blocking[1]: want a string, got a number"},
		{"a boolean in a list", "categories: [true]\n", "categories[0]: want a string, got a boolean"},
		{"null in a list", "heavy: [~]\n", "heavy[0]: want a string, got null"},
		{"a string for a boolean", "lambda: yes please\n", "lambda: want a boolean, got a string"},
		{"a list in a list", "heavy: [[a.B]]\n", "heavy[0]: want a string, got a list"},
		{"ignore-sinks as a mapping", "ignore-sinks: {name: a.B, reason: r}\n", "ignore-sinks: want a list, got a mapping"},
		{"ignore-sinks as names", "ignore-sinks: [a.B]\n", "ignore-sinks[0]: want a mapping with keys name and reason, got a string"},
		{"ignored sink without a name", "ignore-sinks: [{reason: r}]\n", "ignore-sinks[0]: missing key name"},
		{"a number for a name", "ignore-sinks: [{name: 42, reason: r}]\n", "ignore-sinks[0].name: want a string, got a number"},
		{"a number for a reason", "ignore-sinks: [{name: a.B, reason: 3.5}]\n", "ignore-sinks[0].reason: want a string, got a number"},
		// Values that Config.Check rejects, through analyzer.New.
		{"bad function name", "heavy: [Render]\n", `heavy: "Render" is not a full function name`},
		{"bad type name", "root-params: [(*a.B)]\n", `root-params: "(*a.B)" is not a full type name`},
		{"bad category", "categories: [slow]\n", `categories: unknown category "slow"`},
		{"no reason", "ignore-sinks: [{name: time.Sleep}]\n", "ignore-sinks: time.Sleep needs a reason"},
		{"blank reason", "ignore-sinks: [{name: time.Sleep, reason: ' '}]\n", "ignore-sinks: time.Sleep needs a reason"},
	} {
		p, err := New(settings(t, tc.src))
		if err == nil {
			t.Errorf("%s: got %+v, want an error", tc.name, configOf(t, p))
			continue
		}
		if !strings.HasPrefix(err.Error(), at) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got error %q, want %q", tc.name, err, at+"…"+tc.want+"…")
		}
	}
}

// TestRegister checks what golangci-lint sees: the plugin under its
// name, with one analyzer, in types-info mode.
func TestRegister(t *testing.T) {
	newPlugin, err := register.GetPlugin("blockcheck")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil || len(as) != 1 || as[0].Name != "blockcheck" || len(as[0].FactTypes) == 0 {
		t.Fatalf("BuildAnalyzers() = %v, %v; want the blockcheck analyzer, with facts", as, err)
	}
	if _, err := newPlugin(settings(t, "slow: [x.Y]\n")); err == nil {
		t.Error("the registered constructor accepts an unknown key")
	}
}

// TestFixture runs the plugin's analyzer, configured by the settings in
// the fixture's .golangci.yml, on the fixture of the end-to-end test
// (.ci/golangci-plugin.sh), and checks its findings and fixes: the
// script then checks that golangci-lint reports and fixes the same.
func TestFixture(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "gclplugin"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".golangci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Linters struct {
			Settings struct {
				Custom map[string]struct {
					Settings any `yaml:"settings"`
				} `yaml:"custom"`
			} `yaml:"settings"`
		} `yaml:"linters"`
	}
	if err := yaml.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	custom, ok := file.Linters.Settings.Custom["blockcheck"]
	if !ok || custom.Settings == nil {
		t.Fatal("the fixture's .golangci.yml has no settings for blockcheck")
	}
	p, err := New(custom.Settings)
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	results := analysistest.RunWithSuggestedFixes(t, dir, as[0], "./...")
	// golangci-lint applies every fix of a diagnostic at once, so
	// alternatives would clash: there must be one at most.
	fixes := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) > 1 {
				t.Errorf("%s: %d suggested fixes, want one at most", r.Pass.Fset.Position(d.Pos), len(d.SuggestedFixes))
			}
			fixes += len(d.SuggestedFixes)
		}
	}
	if fixes == 0 {
		t.Error("no suggested fixes on the fixture")
	}
}
