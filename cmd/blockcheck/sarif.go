package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/blockcheck/blockcheck/analyzer"
)

// This file writes findings as SARIF 2.1.0 (-format=sarif), the format
// GitHub code scanning and most code review tools read. Each category
// is a rule; each finding is a result at the handler's call site, with
// its chain as a code flow (GitHub's "Show paths") and as related
// locations.

const (
	sarifInformationURI = "https://github.com/blockcheck/blockcheck"
	// sarifSrcRoot is the base of every relative artifact URI: the
	// directory blockcheck ran in, given in the run's
	// originalUriBaseIds. GitHub code scanning takes relative URIs to
	// start at the repository's root, so run blockcheck there.
	sarifSrcRoot = "%SRCROOT%"
	// sarifFingerprint names blockcheck's partial fingerprint: a hash
	// of a finding's identity in baselines (relative file, category,
	// message) and its occurrence, so that an alert survives edits that
	// move it. GitHub computes its own primaryLocationLineHash.
	sarifFingerprint = "fileCategoryMessageHash/v1"
)

// A sarifRule describes a category as a SARIF rule.
type sarifRule struct {
	category string
	name     string // a readable identifier
	short    string
	level    string // default level of its results
	anchor   string // in the README
	tags     []string
}

// knownRules describes the categories of analyzer.Categories and the
// directive category. A category missing here still gets a rule, with
// the level warning.
var knownRules = []sarifRule{
	{"cpu-heavy", "CPUHeavy", "CPU-heavy call on a request path", sarif.LevelWarning, "what-it-reports", []string{"performance"}},
	{"blocking", "Blocking", "Blocking call that ignores the request's context", sarif.LevelWarning, "what-it-reports", []string{"performance", "reliability"}},
	{"background-context", "BackgroundContext", "context.Background() given to a call on a request path", sarif.LevelNote, "what-it-reports", []string{"reliability"}},
	{"directive", "Directive", "Malformed or misplaced //blockcheck: directive", sarif.LevelError, "directives", []string{"configuration"}},
}

// sarifRules returns a rule for each category, in the catalog's order,
// then for the directive category, then for any other category of
// findings, in order of appearance.
func sarifRules(findings []finding) []sarifRule {
	categories := append(analyzer.Categories(), "directive")
	for _, f := range findings {
		if !slices.Contains(categories, f.Category) {
			categories = append(categories, f.Category)
		}
	}
	rules := make([]sarifRule, len(categories))
	for i, c := range categories {
		j := slices.IndexFunc(knownRules, func(r sarifRule) bool { return r.category == c })
		if j >= 0 {
			rules[i] = knownRules[j]
		} else {
			rules[i] = sarifRule{category: c, short: c, level: sarif.LevelWarning, anchor: "what-it-reports"}
		}
	}
	return rules
}

// directiveHelp explains the directive rule, which is not a category of
// the catalog and so has no -explain text.
const directiveHelp = `directive

A //blockcheck: directive that blockcheck cannot use: one without a reason
(//blockcheck:ignore and //blockcheck:heavy require one), an unknown verb, or
//blockcheck:heavy outside a function's doc comment. The directive has no
effect until it is fixed.

Write //blockcheck:ignore <reason> on or above the line it suppresses, or in
a function's doc comment to suppress everything reached through the function;
write //blockcheck:heavy <reason> in the doc comment of a function that is
CPU-heavy itself.
`

// writeSARIF prints findings as a SARIF 2.1.0 log with one run, with
// an invocation that lists the packages that could not be analysed, if
// any. Every
// category has a rule, whether or not it has findings, so that viewers
// can describe a rule that a later run reports. The output depends only
// on findings, the current directory and blockcheck's version.
func writeSARIF(w io.Writer, findings []finding, problems []packageError) error {
	dir := currentDir()
	run := sarif.NewRunWithInformationURI("blockcheck", sarifInformationURI)
	if v := toolVersion(); v != "" {
		run.Tool.Driver.WithVersion(v).WithSemanticVersion(strings.TrimPrefix(v, "v"))
	}
	if dir != "" {
		run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{
			sarifSrcRoot: *sarif.NewArtifactLocation().WithURI(strings.TrimSuffix(fileURI(dir), "/") + "/"),
		})
	}
	level := make(map[string]string)
	for _, r := range sarifRules(findings) {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, newRule(r))
		level[r.category] = r.level
	}

	cols := newColumnMapper()
	seen := make(map[baselineKey]int)
	for _, f := range findings {
		res := run.CreateResultForRule(f.Category).
			WithLevel(level[f.Category]).
			WithMessage(sarif.NewTextMessage(f.Message)).
			AddLocation(sarif.NewLocation().WithPhysicalLocation(physical(f.Posn, f.End, dir, cols)))

		k := keyOf(f, dir)
		seen[k]++
		res.PartialFingerprints = map[string]string{sarifFingerprint: fingerprint(k, seen[k])}

		for i, r := range f.Related {
			res.AddRelatedLocation(sarif.NewLocation().
				WithID(i + 1).
				WithMessage(sarif.NewTextMessage(r.Message)).
				WithPhysicalLocation(physical(r.Posn, token.Position{}, dir, cols)))
		}
		if f.Category == "directive" {
			continue // a directive has no chain
		}
		head := chainHead(f.Message)
		steps := []*sarif.ThreadFlowLocation{step(1, firstHop(head), physical(f.Posn, f.End, dir, cols))}
		for i, r := range f.Related {
			steps = append(steps, step(i+2, r.Message, physical(r.Posn, token.Position{}, dir, cols)))
		}
		res.AddCodeFlow(sarif.NewCodeFlow().
			WithMessage(sarif.NewTextMessage(head)).
			AddThreadFlow(sarif.NewThreadFlow().WithLocations(steps)))
	}

	// Packages that could not be analysed are the invocation's error
	// notifications, and make it unsuccessful, as they make blockcheck
	// exit with status 1; the findings of the other packages stand.
	if len(problems) > 0 {
		inv := sarif.NewInvocation().WithExecutionSuccessful(false)
		for _, p := range problems {
			inv.AddToolExecutionNotification(sarif.NewNotification().
				WithLevel("error").
				WithMessage(sarif.NewTextMessage(p.Message)))
		}
		run.WithInvocations([]*sarif.Invocation{inv})
	}

	rep := sarif.NewReport()
	rep.AddRun(run)
	if err := rep.PrettyWrite(w); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// newRule returns the SARIF rule of r, with the category's -explain
// text as its help.
func newRule(r sarifRule) *sarif.ReportingDescriptor {
	text, err := analyzer.Explain(r.category)
	if r.category == "directive" {
		text = directiveHelp
	} else if err != nil {
		text = r.category + "\n\n" + r.short + "\n"
	}
	doc, sinks := parseExplain(text)
	helpURI := sarifInformationURI + "#" + r.anchor

	var plain, md strings.Builder
	fmt.Fprintf(&plain, "%s\n\n%s\n", r.category, doc)
	md.WriteString(markdownEscape(doc) + "\n")
	if len(sinks) > 0 {
		plain.WriteString("\nSinks:\n")
		md.WriteString("\nSinks:\n\n")
		for _, s := range sinks {
			fmt.Fprintf(&plain, "  %s\n", s)
			fmt.Fprintf(&md, "- `%s`\n", s)
		}
	}
	fmt.Fprintf(&plain, "\nSee %s\n", helpURI)
	fmt.Fprintf(&md, "\nSee [blockcheck's README](%s).\n", helpURI)

	full, _, _ := strings.Cut(doc, "\n\n") // the first paragraph
	rule := sarif.NewRule(r.category).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(r.short)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(unwrap(full))).
		WithHelp(sarif.NewMultiformatMessageString().WithText(plain.String()).WithMarkdown(md.String())).
		WithHelpURI(helpURI).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(r.level))
	if r.name != "" {
		rule.WithName(r.name)
	}
	if len(r.tags) > 0 {
		rule.WithProperties(&sarif.PropertyBag{Tags: r.tags})
	}
	return rule
}

// parseExplain splits the -explain text of a category ("name", a blank
// line, the description, then "Sinks:" and one indented name a line)
// into the description and the sinks.
func parseExplain(text string) (doc string, sinks []string) {
	_, text, _ = strings.Cut(text, "\n\n") // the title
	doc, list, _ := strings.Cut(text, "\nSinks:\n")
	for line := range strings.SplitSeq(list, "\n") {
		if s := strings.TrimSpace(line); s != "" {
			sinks = append(sinks, s)
		}
	}
	return strings.TrimSpace(doc), sinks
}

// markdownEscape escapes the characters of text that Markdown would
// take for markup, such as the brackets of "<reason>".
func markdownEscape(text string) string {
	var b strings.Builder
	for _, r := range text {
		if strings.ContainsRune("\\`*_[]<>#|", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// toolVersion returns the version of the blockcheck module this binary
// was built from, if it has one ("go install …@v1.2.0").
func toolVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "(devel)" {
		return ""
	}
	return info.Main.Version
}

// unwrap joins the lines of a paragraph.
func unwrap(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// chainHead returns the part of a finding's message that names the
// chain: "server.signup calls bcrypt.GenerateFromPassword via
// auth.Register → auth.HashPassword" of "…: why; remedy".
func chainHead(msg string) string {
	head, _, _ := strings.Cut(msg, ": ")
	return head
}

// firstHop returns the first step of the chain that head names, the
// call in the handler: "server.signup calls auth.Register" of
// "server.signup calls bcrypt.GenerateFromPassword via auth.Register →
// auth.HashPassword", or the head itself for a direct call.
func firstHop(head string) string {
	root, rest, ok := strings.Cut(head, " calls ")
	if !ok {
		return head
	}
	_, via, ok := strings.Cut(rest, " via ")
	if !ok {
		return head
	}
	callee, _, _ := strings.Cut(via, " → ")
	return root + " calls " + callee
}

// step returns the n-th location of a thread flow: a call, at loc.
func step(n int, msg string, loc *sarif.PhysicalLocation) *sarif.ThreadFlowLocation {
	return sarif.NewThreadFlowLocation().
		WithExecutionOrder(n).
		WithKinds([]string{"call"}).
		WithLocation(sarif.NewLocation().WithMessage(sarif.NewTextMessage(msg)).WithPhysicalLocation(loc))
}

// fingerprint returns the partial fingerprint of the n-th finding with
// identity k.
func fingerprint(k baselineKey, n int) string {
	sum := sha256.Sum256([]byte(k.file + "\x00" + k.category + "\x00" + k.message))
	return fmt.Sprintf("%s:%d", hex.EncodeToString(sum[:16]), n)
}

// physical returns the SARIF location of the span from posn to end (end
// may be zero), relative to dir when it is inside it.
func physical(posn, end token.Position, dir string, cols *columnMapper) *sarif.PhysicalLocation {
	art := sarif.NewArtifactLocation()
	if rel, ok := relativeTo(dir, posn.Filename); ok {
		art.WithURI((&url.URL{Path: rel}).String()).WithURIBaseID(sarifSrcRoot)
	} else {
		art.WithURI(fileURI(posn.Filename))
	}
	region := sarif.NewRegion().WithStartLine(max(posn.Line, 1))
	if posn.Column > 0 {
		start := cols.column(posn)
		region.WithStartColumn(start)
		if end.Filename == posn.Filename && end.Column > 0 {
			endCol := cols.column(end)
			if end.Line > posn.Line || end.Line == posn.Line && endCol > start {
				region.WithEndLine(end.Line).WithEndColumn(endCol)
			}
		}
	}
	return sarif.NewPhysicalLocation().WithArtifactLocation(art).WithRegion(region)
}

// relativeTo returns file relative to dir, with forward slashes, if it
// is inside dir.
func relativeTo(dir, file string) (string, bool) {
	if dir == "" || !filepath.IsAbs(file) {
		return "", false
	}
	rel, err := filepath.Rel(dir, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// fileURI returns the file: URI of an absolute path.
func fileURI(path string) string {
	path = filepath.ToSlash(path)
	if !strings.HasPrefix(path, "/") {
		path = "/" + path // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: path}).String()
}

// A columnMapper turns Go's columns, which count bytes, into SARIF's,
// which count UTF-16 code units by default, reading each file once.
type columnMapper struct {
	lines map[string][]string // nil if the file cannot be read
}

func newColumnMapper() *columnMapper {
	return &columnMapper{lines: make(map[string][]string)}
}

// column returns the SARIF column of p, or its byte column if the file
// cannot be read or has changed.
func (m *columnMapper) column(p token.Position) int {
	lines, ok := m.lines[p.Filename]
	if !ok {
		if data, err := os.ReadFile(p.Filename); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		m.lines[p.Filename] = lines
	}
	if p.Line < 1 || p.Line > len(lines) || p.Column-1 > len(lines[p.Line-1]) {
		return p.Column
	}
	col := 1
	for _, r := range lines[p.Line-1][:p.Column-1] {
		col += utf16.RuneLen(r) // a byte of invalid UTF-8 is U+FFFD: one unit
	}
	return col
}
