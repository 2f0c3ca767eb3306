package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/blockcheck/blockcheck/analyzer"
)

// sarifSchema compiles the SARIF 2.1.0 schema in testdata/sarif (see
// the README there for its origin), with format assertions on, so that
// URIs are checked too. Nothing is fetched: the schema's own meta-schema
// (draft-04) is built into the validator.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(filepath.Join("..", "..", "testdata", "sarif", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	return sch
}

// validateSARIF returns the schema's verdict on a document.
func validateSARIF(sch *jsonschema.Schema, data []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return sch.Validate(doc)
}

// The types below decode what the tests check of a SARIF log. They are
// the test's own, not go-sarif's, so that a mistake in using the
// library cannot hide behind the same mistake in reading its output.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Tool struct {
			Driver struct {
				Name           string          `json:"name"`
				InformationURI string          `json:"informationUri"`
				Rules          []sarifTestRule `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []sarifResult `json:"results"`
	}
	sarifTestRule struct {
		ID               string    `json:"id"`
		Name             string    `json:"name"`
		ShortDescription sarifText `json:"shortDescription"`
		FullDescription  sarifText `json:"fullDescription"`
		Help             sarifText `json:"help"`
		HelpURI          string    `json:"helpUri"`
		Default          struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
	}
	sarifText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		RelatedLocations    []sarifLocation   `json:"relatedLocations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		CodeFlows           []struct {
			Message     sarifText `json:"message"`
			ThreadFlows []struct {
				Locations []struct {
					ExecutionOrder int           `json:"executionOrder"`
					Location       sarifLocation `json:"location"`
				} `json:"locations"`
			} `json:"threadFlows"`
		} `json:"codeFlows"`
	}
	sarifLocation struct {
		ID               int       `json:"id"`
		Message          sarifText `json:"message"`
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI       string `json:"uri"`
				URIBaseID string `json:"uriBaseId"`
			} `json:"artifactLocation"`
			Region struct {
				StartLine   int `json:"startLine"`
				StartColumn int `json:"startColumn"`
				EndLine     int `json:"endLine"`
				EndColumn   int `json:"endColumn"`
			} `json:"region"`
		} `json:"physicalLocation"`
	}
)

// String returns "uri@line:col-line:col", with the base id if any.
func (l sarifLocation) String() string {
	a, r := l.PhysicalLocation.ArtifactLocation, l.PhysicalLocation.Region
	s := a.URI
	if a.URIBaseID != "" {
		s = a.URIBaseID + "/" + s
	}
	s += fmt.Sprintf("@%d:%d", r.StartLine, r.StartColumn)
	if r.EndLine != 0 {
		s += fmt.Sprintf("-%d:%d", r.EndLine, r.EndColumn)
	}
	return s
}

// chain returns the messages and locations of a result's only thread
// flow, in order.
func (r sarifResult) chain(t *testing.T) (msgs, locs []string) {
	t.Helper()
	if len(r.CodeFlows) != 1 || len(r.CodeFlows[0].ThreadFlows) != 1 {
		t.Fatalf("result %q: %d code flows, want 1 with 1 thread flow", r.Message.Text, len(r.CodeFlows))
	}
	for i, step := range r.CodeFlows[0].ThreadFlows[0].Locations {
		if step.ExecutionOrder != i+1 {
			t.Errorf("result %q: step %d has executionOrder %d", r.Message.Text, i, step.ExecutionOrder)
		}
		msgs = append(msgs, step.Location.Message.Text)
		locs = append(locs, step.Location.String())
	}
	return msgs, locs
}

func decodeSARIF(t *testing.T, data []byte) sarifRun {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("decoding SARIF: %v\n%s", err, data)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with 1", log.Version, len(log.Runs))
	}
	return log.Runs[0]
}

// testFindings returns findings of every category in files below dir,
// and one with a hop outside it, with their lines moved down by shift.
func testFindings(dir string, shift int) []finding {
	handlers := filepath.Join(dir, "app", "handlers.go")
	auth := filepath.Join(dir, "app", "auth", "auth.go")
	spaced := filepath.Join(dir, "my app", "main.go")
	outside := filepath.Join(filepath.Dir(dir), "elsewhere", "lib.go")
	at := func(file string, line, col int) token.Position {
		return token.Position{Filename: file, Line: line + shift, Column: col}
	}
	const sleep = "server.signup calls time.Sleep: time.Sleep ignores the request's cancellation; wait in a select on the timer and ctx.Done()"
	return []finding{
		{
			Package:  "app",
			Category: "cpu-heavy",
			Message:  "server.signup calls bcrypt.GenerateFromPassword via auth.Register → auth.HashPassword: password hashing is CPU-heavy by design (tens of ms per call); run it with offload",
			Posn:     at(handlers, 25, 12),
			End:      at(handlers, 25, 25),
			Related: []related{
				{Posn: at(auth, 14, 15), Message: "auth.Register calls auth.HashPassword"},
				{Posn: at(auth, 23, 9), Message: "auth.HashPassword calls bcrypt.GenerateFromPassword"},
			},
		},
		// The same call twice in a handler: one identity, two findings.
		{Package: "app", Category: "blocking", Message: sleep, Posn: at(handlers, 30, 2), End: at(handlers, 30, 25)},
		{Package: "app", Category: "blocking", Message: sleep, Posn: at(handlers, 31, 2), End: at(handlers, 31, 25)},
		{
			Package:  "app",
			Category: "background-context",
			Message:  "server.profile calls sql.DB.QueryContext with context.Background(): the call can be cancelled, but not by the request; pass the request's context instead",
			Posn:     at(handlers, 40, 14),
			End:      at(handlers, 42, 3),
		},
		{Package: "app", Category: "directive", Message: "//blockcheck:ignore needs a reason, as in //blockcheck:ignore <why>", Posn: at(handlers, 50, 1), End: at(handlers, 50, 21)},
		{
			Package:  "my app",
			Category: "cpu-heavy",
			Message:  "main.func1 calls regexp.MustCompile via lib.Check: compiling a regular expression on every request repeats work that can be done once; compile it once, at package level or with sync.OnceValue",
			Posn:     at(spaced, 7, 3),
			End:      at(spaced, 7, 14),
			// A hop in a file outside the directory, known to the line
			// only (as under go vet).
			Related: []related{{Posn: at(outside, 12, 0), Message: "lib.Check calls regexp.MustCompile"}},
		},
	}
}

func writeSARIFBytes(t *testing.T, findings []finding) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := writeSARIF(&buf, findings, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWriteSARIF writes findings of every kind and checks the result
// against the SARIF schema and against what GitHub code scanning needs:
// a rule for every category, results that point into the repository
// through %SRCROOT%, the chain as a code flow in order, fingerprints
// that survive moved lines, and the same bytes every time.
func TestWriteSARIF(t *testing.T) {
	dir := currentDir()
	if dir == "" {
		t.Fatal("no current directory")
	}
	findings := testFindings(dir, 0)
	data := writeSARIFBytes(t, findings)
	if err := validateSARIF(sarifSchema(t), data); err != nil {
		t.Fatalf("invalid SARIF: %v\n%s", err, data)
	}
	if again := writeSARIFBytes(t, testFindings(dir, 0)); !bytes.Equal(data, again) {
		t.Errorf("two writes of the same findings differ")
	}
	run := decodeSARIF(t, data)

	if d := run.Tool.Driver; d.Name != "blockcheck" || d.InformationURI != "https://github.com/blockcheck/blockcheck" {
		t.Errorf("driver %q at %q", d.Name, d.InformationURI)
	}
	if got, want := run.OriginalURIBaseIDs["%SRCROOT%"].URI, "file://"+filepath.ToSlash(dir)+"/"; got != want {
		t.Errorf("%%SRCROOT%% is %q, want %q", got, want)
	}

	// Rules: one per category, whatever was found.
	checkRules(t, run.Tool.Driver.Rules)

	if len(run.Results) != len(findings) {
		t.Fatalf("%d results, want %d", len(run.Results), len(findings))
	}
	wantLevel := map[string]string{"cpu-heavy": "warning", "blocking": "warning", "background-context": "note", "directive": "error"}
	for i, res := range run.Results {
		f := findings[i]
		if res.RuleID != f.Category || run.Tool.Driver.Rules[res.RuleIndex].ID != f.Category {
			t.Errorf("result %d: ruleId %q, rule index %d, want %s", i, res.RuleID, res.RuleIndex, f.Category)
		}
		if res.Level != wantLevel[f.Category] {
			t.Errorf("result %d: level %q, want %q", i, res.Level, wantLevel[f.Category])
		}
		if res.Message.Text != f.Message {
			t.Errorf("result %d: message %q, want %q", i, res.Message.Text, f.Message)
		}
		if len(res.Locations) != 1 {
			t.Errorf("result %d: %d locations, want 1", i, len(res.Locations))
		}
		if len(res.RelatedLocations) != len(f.Related) {
			t.Errorf("result %d: %d related locations, want %d", i, len(res.RelatedLocations), len(f.Related))
		}
		for j, loc := range res.RelatedLocations {
			if loc.ID != j+1 || loc.Message.Text != f.Related[j].Message {
				t.Errorf("result %d: related location %d is %d %q, want %d %q", i, j, loc.ID, loc.Message.Text, j+1, f.Related[j].Message)
			}
		}
	}

	// Locations: relative to %SRCROOT% inside the directory, escaped,
	// absolute outside it; columns only where they are known.
	for _, c := range []struct {
		name string
		got  sarifLocation
		want string
	}{
		{"call site", run.Results[0].Locations[0], "%SRCROOT%/app/handlers.go@25:12-25:25"},
		{"hop", run.Results[0].RelatedLocations[1], "%SRCROOT%/app/auth/auth.go@23:9"},
		{"span over lines", run.Results[3].Locations[0], "%SRCROOT%/app/handlers.go@40:14-42:3"},
		{"name with a space", run.Results[5].Locations[0], "%SRCROOT%/my%20app/main.go@7:3-7:14"},
		{"outside the directory", run.Results[5].RelatedLocations[0], "file://" + filepath.ToSlash(filepath.Dir(dir)) + "/elsewhere/lib.go@12:0"},
	} {
		if got := c.got.String(); got != c.want {
			t.Errorf("%s: location %s, want %s", c.name, got, c.want)
		}
	}

	// The chain: the handler's call, then each hop, in order.
	msgs, locs := run.Results[0].chain(t)
	wantMsgs := []string{"server.signup calls auth.Register", "auth.Register calls auth.HashPassword", "auth.HashPassword calls bcrypt.GenerateFromPassword"}
	wantLocs := []string{"%SRCROOT%/app/handlers.go@25:12-25:25", "%SRCROOT%/app/auth/auth.go@14:15", "%SRCROOT%/app/auth/auth.go@23:9"}
	if !slices.Equal(msgs, wantMsgs) || !slices.Equal(locs, wantLocs) {
		t.Errorf("code flow:\n%q\n%q\nwant\n%q\n%q", msgs, locs, wantMsgs, wantLocs)
	}
	if got, want := run.Results[0].CodeFlows[0].Message.Text, "server.signup calls bcrypt.GenerateFromPassword via auth.Register → auth.HashPassword"; got != want {
		t.Errorf("code flow message %q, want %q", got, want)
	}
	if msgs, _ := run.Results[1].chain(t); !slices.Equal(msgs, []string{"server.signup calls time.Sleep"}) {
		t.Errorf("direct call: code flow %q, want the call alone", msgs)
	}
	if n := len(run.Results[4].CodeFlows); n != 0 {
		t.Errorf("directive: %d code flows, want none", n)
	}

	// Fingerprints: the same when lines move, distinct for the two
	// findings that share an identity.
	moved := decodeSARIF(t, writeSARIFBytes(t, testFindings(dir, 7)))
	seen := make(map[string]bool)
	for i, res := range run.Results {
		fp := res.PartialFingerprints["fileCategoryMessageHash/v1"]
		if fp == "" || seen[fp] {
			t.Errorf("result %d: fingerprint %q is empty or taken", i, fp)
		}
		seen[fp] = true
		if got := moved.Results[i].PartialFingerprints; !maps.Equal(got, res.PartialFingerprints) {
			t.Errorf("result %d: fingerprints %v after moving lines, were %v", i, got, res.PartialFingerprints)
		}
		if moved.Results[i].Locations[0].String() == res.Locations[0].String() {
			t.Errorf("result %d: moving the lines did not move the result", i)
		}
	}
}

// checkRules checks that rules describe every category and the
// directive rule, in that order, with help for GitHub's alert page.
func checkRules(t *testing.T, rules []sarifTestRule) {
	t.Helper()
	var ids []string
	for _, r := range rules {
		ids = append(ids, r.ID)
	}
	if want := append(analyzer.Categories(), "directive"); !slices.Equal(ids, want) {
		t.Fatalf("rules %q, want %q", ids, want)
	}
	if want := []string{"cpu-heavy", "blocking", "background-context", "directive"}; !slices.Equal(ids, want) {
		t.Errorf("rules %q, want %q", ids, want)
	}
	wantLevel := []string{"warning", "warning", "note", "error"}
	for i, r := range rules {
		if r.Default.Level != wantLevel[i] {
			t.Errorf("rule %s: default level %q, want %q", r.ID, r.Default.Level, wantLevel[i])
		}
		if r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.Help.Markdown == "" {
			t.Errorf("rule %s: name, descriptions or help missing: %+v", r.ID, r)
		}
		if !strings.HasPrefix(r.HelpURI, "https://github.com/blockcheck/blockcheck#") {
			t.Errorf("rule %s: help URI %q", r.ID, r.HelpURI)
		}
		if r.ID == "directive" {
			continue
		}
		// The help is the category's -explain text.
		explain, err := analyzer.Explain(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		doc, sinks := parseExplain(explain)
		if !strings.Contains(r.Help.Text, doc) || !strings.Contains(r.Help.Markdown, markdownEscape(doc)) {
			t.Errorf("rule %s: help does not carry the -explain text %q", r.ID, doc)
		}
		if !strings.HasPrefix(doc, r.FullDescription.Text[:40]) {
			t.Errorf("rule %s: full description %q does not start the -explain text", r.ID, r.FullDescription.Text)
		}
		for _, s := range sinks {
			if !strings.Contains(r.Help.Markdown, "- `"+s+"`\n") {
				t.Errorf("rule %s: markdown help does not list %s", r.ID, s)
			}
		}
	}
	if md := rules[0].Help.Markdown; !strings.Contains(md, "- `golang.org/x/crypto/bcrypt.GenerateFromPassword`\n") {
		t.Errorf("cpu-heavy help does not list bcrypt:\n%s", md)
	}
	if d := rules[3]; !strings.Contains(d.Help.Text, "//blockcheck:ignore <reason>") || !strings.Contains(d.Help.Markdown, `//blockcheck:ignore \<reason\>`) {
		t.Errorf("directive help does not show //blockcheck:ignore <reason> in text and markdown:\n%s\n%s", d.Help.Text, d.Help.Markdown)
	}
}

// TestWriteSARIFEmpty checks that a run without findings still has
// every rule, and the empty results array GitHub requires.
func TestWriteSARIFEmpty(t *testing.T) {
	data := writeSARIFBytes(t, nil)
	if err := validateSARIF(sarifSchema(t), data); err != nil {
		t.Fatalf("invalid SARIF: %v\n%s", err, data)
	}
	run := decodeSARIF(t, data)
	checkRules(t, run.Tool.Driver.Rules)
	if !bytes.Contains(data, []byte(`"results": []`)) {
		t.Errorf("no empty results array:\n%s", data)
	}
}

// TestWriteSARIFUnknownCategory checks that a finding of a category
// that sarif.go does not describe still gets a rule of its own.
func TestWriteSARIFUnknownCategory(t *testing.T) {
	findings := testFindings(currentDir(), 0)[:1]
	findings[0].Category = "brand-new"
	data := writeSARIFBytes(t, findings)
	if err := validateSARIF(sarifSchema(t), data); err != nil {
		t.Fatalf("invalid SARIF: %v\n%s", err, data)
	}
	run := decodeSARIF(t, data)
	rules := run.Tool.Driver.Rules
	if len(rules) != 5 || len(run.Results) != 1 {
		t.Fatalf("%d rules and %d results, want 5 and 1", len(rules), len(run.Results))
	}
	if r := rules[run.Results[0].RuleIndex]; r.ID != "brand-new" || r.Default.Level != "warning" || r.Help.Text == "" {
		t.Errorf("rule of the result: %+v", r)
	}
	checkRules(t, rules[:4])
}

// TestSARIFSchemaRejects checks that the schema test can fail: the
// validator accepts blockcheck's output but rejects each of a few
// broken variants of it.
func TestSARIFSchemaRejects(t *testing.T) {
	sch := sarifSchema(t)
	data := writeSARIFBytes(t, testFindings(currentDir(), 0))
	if err := validateSARIF(sch, data); err != nil {
		t.Fatalf("the unbroken document is invalid: %v", err)
	}
	for _, c := range []struct {
		name   string
		at     string // where the validator should object
		mutate func(log map[string]any)
	}{
		{"no version", "", func(log map[string]any) { delete(log, "version") }},
		{"wrong version", "/version", func(log map[string]any) { log["version"] = "2.0.0" }},
		{"$schema not a URI", "/$schema", func(log map[string]any) { log["$schema"] = "not a uri" }},
		{"unknown top-level property", "", func(log map[string]any) { log["extra"] = true }},
		{"unknown level", "/runs/0/results/0/level", func(log map[string]any) { firstResult(log)["level"] = "fatal" }},
		{"line 0", "/runs/0/results/0/locations/0/physicalLocation/region/startLine", func(log map[string]any) { firstRegion(firstResult(log))["startLine"] = 0 }},
		{"rule without id", "/runs/0/tool/driver/rules/0", func(log map[string]any) {
			delete(jsonPath(log, "runs", 0, "tool", "driver", "rules", 0).(map[string]any), "id")
		}},
		{"empty thread flow", "/runs/0/results/0/codeFlows/0/threadFlows/0/locations", func(log map[string]any) {
			jsonPath(firstResult(log), "codeFlows", 0, "threadFlows", 0).(map[string]any)["locations"] = []any{}
		}},
		{"message without text", "/runs/0/results/0/message", func(log map[string]any) { firstResult(log)["message"] = map[string]any{} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			var log map[string]any
			if err := json.Unmarshal(data, &log); err != nil {
				t.Fatal(err)
			}
			c.mutate(log)
			broken, err := json.Marshal(log)
			if err != nil {
				t.Fatal(err)
			}
			err = validateSARIF(sch, broken)
			if err == nil {
				t.Fatalf("the validator accepts a document with %s", c.name)
			}
			if !strings.Contains(err.Error(), "at '"+c.at+"'") {
				t.Errorf("the validator rejects a document with %s, but not at %s:\n%v", c.name, c.at, err)
			}
		})
	}
}

// jsonPath follows keys and indexes from v.
func jsonPath(v any, steps ...any) any {
	for _, s := range steps {
		switch s := s.(type) {
		case string:
			v = v.(map[string]any)[s]
		case int:
			v = v.([]any)[s]
		}
	}
	return v
}

func firstResult(log map[string]any) map[string]any {
	return jsonPath(log, "runs", 0, "results", 0).(map[string]any)
}

func firstRegion(result map[string]any) map[string]any {
	return jsonPath(result, "locations", 0, "physicalLocation", "region").(map[string]any)
}

// TestChainHead checks how a code flow's first step is named from a
// finding's message.
func TestChainHead(t *testing.T) {
	for _, c := range []struct{ msg, head, first string }{
		{
			"server.signup calls bcrypt.GenerateFromPassword via auth.Register → auth.HashPassword: password hashing is CPU-heavy; run it with offload",
			"server.signup calls bcrypt.GenerateFromPassword via auth.Register → auth.HashPassword",
			"server.signup calls auth.Register",
		},
		{"server.signup calls time.Sleep: why; remedy (no suggested fix: the call is deferred)", "server.signup calls time.Sleep", "server.signup calls time.Sleep"},
		{"handle calls time.Sleep via gen.F0 → gen.F1 → gen.F2 → (19996 more) → gen.F19999 → gen.F20000: why; remedy", "handle calls time.Sleep via gen.F0 → gen.F1 → gen.F2 → (19996 more) → gen.F19999 → gen.F20000", "handle calls gen.F0"},
		{"s.get calls sql.DB.QueryContext with context.Background() via store.Find: why; remedy", "s.get calls sql.DB.QueryContext with context.Background() via store.Find", "s.get calls store.Find"},
		{"something else entirely", "something else entirely", "something else entirely"},
	} {
		if head := chainHead(c.msg); head != c.head {
			t.Errorf("chainHead(%q) = %q, want %q", c.msg, head, c.head)
		}
		if first := firstHop(c.head); first != c.first {
			t.Errorf("firstHop(%q) = %q, want %q", c.head, first, c.first)
		}
	}
}

// TestMarkdownEscape checks that help text keeps its characters in
// Markdown.
func TestMarkdownEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, with (parentheses) and r.Context()": "plain text, with (parentheses) and r.Context()",
		"//blockcheck:ignore <reason>":                   `//blockcheck:ignore \<reason\>`,
		"(*sql.DB).Query and snake_case":                 `(\*sql.DB).Query and snake\_case`,
		"[link](1) `code` # | \\":                        "\\[link\\](1) \\`code\\` \\# \\| \\\\",
	} {
		if got := markdownEscape(in); got != want {
			t.Errorf("markdownEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFColumns checks that Go's byte columns become SARIF's UTF-16
// columns, and that an unreadable file keeps the byte column.
func TestSARIFColumns(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.go")
	line := "\tlog.Print(\"héllo 😀\"); time.Sleep(time.Second)"
	if err := os.WriteFile(file, []byte("package x\n\nfunc f() {\n"+line+"\n}\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	byteCol := strings.Index(line, "time.Sleep") + 1
	m := newColumnMapper()
	for _, c := range []struct {
		p    token.Position
		want int
	}{
		{token.Position{Filename: file, Line: 4, Column: byteCol}, byteCol - 1 - 2}, // é: 2 bytes, 1 unit; 😀: 4 bytes, 2 units
		{token.Position{Filename: file, Line: 4, Column: 1}, 1},
		{token.Position{Filename: file, Line: 1, Column: 9}, 9},
		{token.Position{Filename: file, Line: 4, Column: len(line) + 1}, len(line) + 1 - 3},
		{token.Position{Filename: file, Line: 4, Column: len(line) + 5}, len(line) + 5}, // past the line: the file changed
		{token.Position{Filename: file, Line: 99, Column: 3}, 3},
		{token.Position{Filename: file + ".missing", Line: 4, Column: byteCol}, byteCol},
	} {
		if got := m.column(c.p); got != c.want {
			t.Errorf("column(%v) = %d, want %d", c.p, got, c.want)
		}
	}
}

// runInRoot runs blockcheck with args in the repository's root and
// returns its standard output and exit code, without rewriting paths.
func runInRoot(t *testing.T, args ...string) (string, []byte, int) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and analyses a module")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(blockcheck, args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	code := 0
	if exit := (*exec.ExitError)(nil); errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if stderr.Len() > 0 {
		t.Logf("blockcheck %s: stderr:\n%s", strings.Join(args, " "), stderr.Bytes())
	}
	return root, out, code
}

// TestSARIFExample runs blockcheck -format=sarif on the example
// application from the repository's root, as a CI job would before
// uploading the file, and checks it against the schema and against the
// same findings in -format=json.
func TestSARIFExample(t *testing.T) {
	root, data, code := runInRoot(t, "-format=sarif", "./testdata/example/...")
	if code != 0 {
		t.Fatalf("exit code %d, want 0 (SARIF reports findings as data)", code)
	}
	if err := validateSARIF(sarifSchema(t), data); err != nil {
		t.Fatalf("invalid SARIF: %v", err)
	}
	run := decodeSARIF(t, data)
	checkRules(t, run.Tool.Driver.Rules)
	if len(run.Results) != 9 {
		t.Fatalf("%d results, want 9", len(run.Results))
	}
	if got, want := run.OriginalURIBaseIDs["%SRCROOT%"].URI, "file://"+filepath.ToSlash(root)+"/"; got != want {
		t.Errorf("%%SRCROOT%% is %q, want %q", got, want)
	}

	// The same findings as -format=json, chain for chain.
	_, jsonOut, code := runInRoot(t, "-format=json", "./testdata/example/...")
	if code != 0 {
		t.Fatalf("-format=json: exit code %d", code)
	}
	type jsonFinding struct {
		Category, Posn, End, Message string
		Related                      []struct{ Posn, Message string }
	}
	var tree map[string]map[string][]jsonFinding
	if err := json.Unmarshal(jsonOut, &tree); err != nil {
		t.Fatal(err)
	}
	want := make(map[string]jsonFinding)
	for _, byAnalyzer := range tree {
		for _, f := range byAnalyzer["blockcheck"] {
			want[f.Message] = f
		}
	}
	if len(want) != len(run.Results) {
		t.Errorf("-format=json has %d findings, SARIF %d", len(want), len(run.Results))
	}
	// where turns a SARIF location into the form of -format=json.
	where := func(l sarifLocation) string {
		a, r := l.PhysicalLocation.ArtifactLocation, l.PhysicalLocation.Region
		if a.URIBaseID != "%SRCROOT%" || !strings.HasPrefix(a.URI, "testdata/example/") {
			t.Errorf("location %s is not relative to %%SRCROOT%% in testdata/example", l)
		}
		return fmt.Sprintf("%s:%d:%d", filepath.Join(root, filepath.FromSlash(a.URI)), r.StartLine, r.StartColumn)
	}
	for _, res := range run.Results {
		f, ok := want[res.Message.Text]
		if !ok {
			t.Errorf("result %q is not in -format=json", res.Message.Text)
			continue
		}
		if res.RuleID != f.Category {
			t.Errorf("result %q: rule %s, want %s", res.Message.Text, res.RuleID, f.Category)
		}
		msgs, _ := res.chain(t)
		steps := res.CodeFlows[0].ThreadFlows[0].Locations
		wantPosns := []string{f.Posn}
		gotPosns := []string{where(steps[0].Location)}
		for i, r := range f.Related {
			wantPosns = append(wantPosns, r.Posn)
			if i+1 < len(steps) {
				gotPosns = append(gotPosns, where(steps[i+1].Location))
				if msgs[i+1] != r.Message {
					t.Errorf("result %q: step %d is %q, want %q", res.Message.Text, i+1, msgs[i+1], r.Message)
				}
			}
		}
		if !slices.Equal(gotPosns, wantPosns) {
			t.Errorf("result %q: code flow at\n%q\nwant\n%q", res.Message.Text, gotPosns, wantPosns)
		}
		// The first step is the handler's call of the first hop's caller.
		handler, callee, _ := strings.Cut(msgs[0], " calls ")
		if !strings.HasPrefix(res.Message.Text, handler+" calls ") || len(f.Related) > 0 && !strings.HasPrefix(f.Related[0].Message, callee+" calls ") {
			t.Errorf("result %q: first step %q is not the handler's call", res.Message.Text, msgs[0])
		}
	}

	// Stable across runs.
	if _, again, _ := runInRoot(t, "-format=sarif", "./testdata/example/..."); !bytes.Equal(data, again) {
		t.Errorf("two runs give different SARIF")
	}
}

// TestFormatFlag checks that -format names sarif among the formats.
func TestFormatFlag(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runDriver([]string{"-format=xml", "./..."}, &stdout, &stderr); code != 2 || stderr.String() != "invalid value \"xml\" for flag -format: want text, json or sarif (or html, with -routes)\nblockcheck: run blockcheck -h for the flags\n" {
		t.Errorf("-format=xml: exit code %d and %q, want 2 and the list of formats", code, stderr.String())
	}
}
