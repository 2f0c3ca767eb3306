package gclplugin

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer"
)

// name is the plugin's name: the key of its section under
// linters.settings.custom in .golangci.yml.
const name = "blockcheck"

// where locates the settings in .golangci.yml, for error messages.
const where = "linters.settings.custom." + name + ".settings"

func init() {
	register.Plugin(name, New)
}

// New returns the blockcheck plugin configured by settings, the value
// golangci-lint read under linters.settings.custom.blockcheck.settings
// (nil when there is none). It reports an unknown key, a value of the
// wrong shape or an option that [analyzer.New] rejects, naming the key.
func New(settings any) (register.LinterPlugin, error) {
	cfg, err := decode(settings)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	a, err := analyzer.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	return &plugin{cfg: cfg, analyzer: a}, nil
}

// plugin is blockcheck's [register.LinterPlugin].
type plugin struct {
	cfg      analyzer.Config // as decoded, for tests
	analyzer *analysis.Analyzer
}

// BuildAnalyzers returns the blockcheck analyzer, configured by the
// settings given to [New].
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.analyzer}, nil
}

// GetLoadMode asks for type information: blockcheck needs types and
// facts about dependencies.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// decode decodes golangci-lint's settings into a Config. golangci-lint
// hands over the YAML as generic maps and lists, which decode reads
// through JSON, as register.DecodeSettings does, but key by key and
// item by item, so that an error names the key and the item.
func decode(settings any) (analyzer.Config, error) {
	var cfg analyzer.Config
	if settings == nil {
		return cfg, nil
	}
	data, err := json.Marshal(settings)
	if err != nil {
		return cfg, fmt.Errorf("encoding settings: %w", err)
	}
	top, err := mapping("", data, reflect.TypeFor[analyzer.Config]())
	if err != nil {
		return cfg, err
	}
	for _, f := range []struct {
		key  string
		dest *[]string
	}{
		{"heavy", &cfg.Heavy},
		{"blocking", &cfg.Blocking},
		{"root-params", &cfg.RootParams},
		{"roots", &cfg.Roots},
		{"categories", &cfg.Categories},
	} {
		items, err := list(f.key, top[f.key])
		if err != nil {
			return analyzer.Config{}, err
		}
		for i, raw := range items {
			s, err := str(fmt.Sprintf("%s[%d]", f.key, i), raw)
			if err != nil {
				return analyzer.Config{}, err
			}
			*f.dest = append(*f.dest, s)
		}
	}
	if raw := top["lambda"]; raw != nil {
		if cfg.Lambda, err = boolean("lambda", raw); err != nil {
			return analyzer.Config{}, err
		}
	}
	sinks, err := ignoreList("ignore-sinks", top["ignore-sinks"])
	if err != nil {
		return analyzer.Config{}, err
	}
	for _, s := range sinks {
		cfg.IgnoreSinks = append(cfg.IgnoreSinks, analyzer.IgnoredSink{Name: s.name, Reason: s.reason})
	}
	rootList, err := ignoreList("ignore-roots", top["ignore-roots"])
	if err != nil {
		return analyzer.Config{}, err
	}
	for _, r := range rootList {
		cfg.IgnoreRoots = append(cfg.IgnoreRoots, analyzer.IgnoredRoot{Name: r.name, Reason: r.reason})
	}
	return cfg, nil
}

// An ignored is an item of an ignore-sinks or ignore-roots list.
type ignored struct{ name, reason string }

// ignoreList decodes data, the value of key, as a list of mappings
// with a name and a reason.
func ignoreList(key string, data json.RawMessage) ([]ignored, error) {
	items, err := list(key, data)
	if err != nil {
		return nil, err
	}
	var out []ignored
	for i, raw := range items {
		key := fmt.Sprintf("%s[%d]", key, i)
		m, err := mapping(key, raw, reflect.TypeFor[analyzer.IgnoredSink]())
		if err != nil {
			return nil, err
		}
		var item ignored
		if m["name"] == nil {
			return nil, fmt.Errorf("%s: missing key name", key)
		}
		if item.name, err = str(key+".name", m["name"]); err != nil {
			return nil, err
		}
		if m["reason"] != nil { // a missing reason is Config.Check's to report
			if item.reason, err = str(key+".reason", m["reason"]); err != nil {
				return nil, err
			}
		}
		out = append(out, item)
	}
	return out, nil
}

// mapping decodes the JSON object data, the value of key, and checks
// that its keys are the json keys of the struct type t.
func mapping(key string, data json.RawMessage, t reflect.Type) (map[string]json.RawMessage, error) {
	known := keys(t)
	var m map[string]json.RawMessage
	if kind(data) != "a mapping" || json.Unmarshal(data, &m) != nil {
		return nil, fmt.Errorf("%swant a mapping with keys %s, got %s", prefix(key), join(known, "and"), kind(data))
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return nil, fmt.Errorf("%sunknown key %q (want %s)", prefix(key), unknown[0], join(known, "or"))
	}
	return m, nil
}

// list decodes the JSON array data, the value of key; a missing value
// or null is an empty list.
func list(key string, data json.RawMessage) ([]json.RawMessage, error) {
	if data == nil || kind(data) == "null" {
		return nil, nil
	}
	var items []json.RawMessage
	if kind(data) != "a list" || json.Unmarshal(data, &items) != nil {
		return nil, fmt.Errorf("%s: want a list, got %s", key, kind(data))
	}
	return items, nil
}

// str decodes the JSON string data, the value of key.
func str(key string, data json.RawMessage) (string, error) {
	var s string
	if kind(data) != "a string" || json.Unmarshal(data, &s) != nil {
		return "", fmt.Errorf("%s: want a string, got %s", key, kind(data))
	}
	return s, nil
}

// boolean decodes the JSON boolean data, the value of key.
func boolean(key string, data json.RawMessage) (bool, error) {
	var b bool
	if kind(data) != "a boolean" || json.Unmarshal(data, &b) != nil {
		return false, fmt.Errorf("%s: want a boolean, got %s", key, kind(data))
	}
	return b, nil
}

// prefix returns "key: ", or nothing for the top level.
func prefix(key string) string {
	if key == "" {
		return ""
	}
	return key + ": "
}

// kind names the kind of the JSON value data in YAML's terms.
func kind(data json.RawMessage) string {
	var v any
	if data == nil || json.Unmarshal(data, &v) != nil {
		return "nothing"
	}
	switch v.(type) {
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}

// keys returns the json keys of the fields of the struct type t, in
// order.
func keys(t reflect.Type) []string {
	var ks []string
	for i := range t.NumField() {
		k, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if k != "" && k != "-" {
			ks = append(ks, k)
		}
	}
	return ks
}

// join joins words as an English list: "a, b or c".
func join(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}
