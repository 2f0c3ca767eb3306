package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/cache"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/patch"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/stream"
)

// This file is blockcheck's own driver, which runs unless go vet runs
// blockcheck (then unitchecker answers). It analyses packages one at a
// time (package stream), which takes far less memory than the standard
// driver, or the whole program at once, and prints text, JSON or SARIF,
// with baselines, context lines and fixes in both modes.

// A finding is one diagnostic, in a form that outlives the analysis.
type finding struct {
	Package  string
	Category string
	Message  string
	Posn     token.Position
	End      token.Position
	Related  []related
	// Fixes are the diagnostic's suggested fixes; -fix applies the
	// first, as the go/analysis drivers do.
	Fixes []patch.Fix
	// reported orders findings as the analyzer reported them, package
	// by package: the order in which the go/analysis drivers merge
	// their fixes.
	reported int
}

// related is one hop of a finding's chain.
type related struct {
	Posn    token.Position
	End     token.Position
	Message string
}

// runDriver runs blockcheck's own driver with the command-line
// arguments args, writing to stdout and stderr, and returns the exit
// code: 0 for no (new) findings, 1 for errors, 3 for findings in text
// form.
func runDriver(args []string, stdout, stderr io.Writer) int {
	opts, patterns, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2 // as package flag exits
	}
	// analyse analyses the packages and keeps the findings that the
	// baseline, if any, does not accept; wrote says it wrote the
	// baseline instead.
	var traces []analyzer.ProgramFinding
	analyse := func() (findings []finding, problems []packageError, wrote bool, err error) {
		if opts.mode == "program" {
			findings, traces, problems, err = analyseProgram(patterns)
		} else {
			findings, problems, err = analyseEach(patterns, opts.tests, opts.cache, stderr)
		}
		if err == nil && opts.baseline != "" {
			findings, wrote, err = applyBaseline(opts.baseline, findings)
		}
		return findings, problems, wrote, err
	}
	if opts.routes {
		return runRoutes(patterns, opts, stdout, stderr)
	}
	findings, problems, wrote, err := analyse() // problems: packages that could not be analysed
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	if wrote {
		fmt.Fprintf(stderr, "blockcheck: wrote %d findings to %s; later runs with -baseline=%s report only new ones\n", len(findings), opts.baseline, opts.baseline)
		return 0
	}
	failed := len(problems) > 0
	if opts.fix {
		var ok bool
		again := func() ([]finding, []packageError, error) {
			findings, problems, _, err := analyse()
			return findings, problems, err
		}
		findings, problems, ok = fixRounds(findings, problems, again, opts.diff, opts.mode != "program", stdout, stderr)
		failed = len(problems) > 0 || !ok
	}
	switch opts.format {
	case "json":
		err = writeJSON(stdout, findings, problems)
	case "sarif":
		err = writeSARIF(stdout, findings, problems)
	default:
		for _, p := range problems {
			fmt.Fprintf(stderr, "blockcheck: %s\n", p.Message)
		}
		writeText(stderr, findings, opts.context) // as go vet and the standard checkers do
		if opts.trace {
			writeTraces(stderr, traces)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	switch {
	case failed:
		return 1
	case len(findings) > 0 && opts.format == "text":
		return 3
	}
	return 0
}

// maxErrorLines bounds the errors shown for one package that could
// not be analysed: the first ones say what is wrong.
const maxErrorLines = 5

// A packageError says why a package could not be analysed.
type packageError struct {
	Package string // import path
	// Message names the package, then gives its first errors or the
	// dependency whose errors kept it from being analysed, one per
	// indented line.
	Message string
}

// problem describes a package that could not be analysed.
func problem(res stream.Result) packageError {
	lines := strings.Split(res.Broken.Error(), "\n")
	if len(lines) > maxErrorLines {
		lines = append(lines[:maxErrorLines], fmt.Sprintf("(and %d more errors)", len(lines)-maxErrorLines))
	}
	what := res.Package.PkgPath + " has errors; not analysed:"
	if res.BrokenDep != "" {
		what = fmt.Sprintf("%s not analysed: it imports %s, which has errors:", res.Package.PkgPath, res.BrokenDep)
	}
	return packageError{Package: res.Package.PkgPath, Message: what + "\n\t" + strings.Join(lines, "\n\t")}
}

// analyseEach loads the packages that match patterns, with their tests if
// tests is set, runs the analyzer and returns its findings, deduplicated
// (a file in both a package and its test variant is reported once) and
// sorted by position, and a description of each package that could not
// be analysed because it or a dependency has errors.
func analyseEach(patterns []string, tests, useCache bool, stderr io.Writer) ([]finding, []packageError, error) {
	return analyseWith(analyzer.Analyzer, patterns, tests, useCache, stderr, nil)
}

// analyseWith is analyseEach with the analyzer a, whose result for each
// package analysed (not found in the cache) it passes to value, if set.
func analyseWith(a *analysis.Analyzer, patterns []string, tests, useCache bool, stderr io.Writer, value func(any)) ([]finding, []packageError, error) {
	cfg := stream.Config{Analyzer: a, Tests: tests, Skip: analyzer.Skips}
	var c *cache.Cache
	debug := debugging("cache")
	if useCache {
		cfg, c = withCache(cfg, debug, stderr)
	}
	fset, results, err := stream.Run(cfg, patterns...)
	if err != nil {
		return nil, nil, err
	}
	if c != nil && debug {
		hits, misses := c.Stats()
		fmt.Fprintf(stderr, "blockcheck: cache: %d hits, %d misses\n", hits, misses)
	}
	var findings []finding
	var problems []packageError
	seen := make(map[string]bool)
	var errs []error
	names := importNames()
	for _, res := range results {
		if res.Broken != nil {
			if p := problem(res); !seen[p.Message] { // a package and its test variant
				seen[p.Message] = true
				problems = append(problems, p)
			}
			continue
		}
		if res.Err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", res.Package.PkgPath, res.Err))
			continue
		}
		if value != nil && res.Value != nil {
			value(res.Value)
		}
		for _, d := range res.Diagnostics {
			f := finding{
				Package:  res.Package.PkgPath,
				Category: d.Category,
				Message:  d.Message,
				Posn:     fset.Position(d.Pos),
				End:      fset.Position(cmp.Or(d.End, d.Pos)),
				Fixes:    resolveFixes(fset, names(res.Package), d.SuggestedFixes),
			}
			key := fmt.Sprint(f.Posn, f.Message)
			if seen[key] {
				continue
			}
			seen[key] = true
			for _, r := range d.Related {
				f.Related = append(f.Related, related{Posn: fset.Position(r.Pos), End: fset.Position(cmp.Or(r.End, r.Pos)), Message: r.Message})
			}
			f.reported = len(findings)
			findings = append(findings, f)
		}
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	sortFindings(findings)
	return findings, problems, nil
}

// sortFindings sorts findings by position, then category, most severe
// first (a call that reaches several categories has one finding for
// each, in the order the analyzer reports them), then message.
func sortFindings(findings []finding) {
	order := analyzer.Categories()
	rank := func(category string) int {
		if i := slices.Index(order, category); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortFunc(findings, func(a, b finding) int {
		return cmp.Or(
			strings.Compare(a.Posn.Filename, b.Posn.Filename),
			cmp.Compare(a.Posn.Line, b.Posn.Line),
			cmp.Compare(a.Posn.Column, b.Posn.Column),
			cmp.Compare(rank(a.Category), rank(b.Category)),
			strings.Compare(a.Category, b.Category),
			strings.Compare(a.Message, b.Message),
		)
	})
}

// analyseProgram loads the packages that match patterns, without
// tests, and analyses them as one program.
func analyseProgram(patterns []string) ([]finding, []analyzer.ProgramFinding, []packageError, error) {
	findings, found, problems, _, err := analyseProgramWith(patterns, false)
	return findings, found, problems, err
}

// analyseProgramWith is analyseProgram that also returns the
// request-path map of the packages, if mapped.
func analyseProgramWith(patterns []string, mapped bool) ([]finding, []analyzer.ProgramFinding, []packageError, *analyzer.Map, error) {
	// Each package is type-checked once its dependencies are, and its
	// SSA form built at once, so that only the packages in progress
	// hold their type information; the standard library is seen
	// through its types, checked without function bodies. In a large
	// program, a first pass, whose types and positions are then
	// dropped, finds the functions of dependencies that the analysis
	// cannot reach, whose bodies the second leaves out.
	index := analyzer.NewProgramIndex()
	fset := token.NewFileSet()
	prog := analyzer.NewProgram(fset)
	prog.TypeGraph = debugging("rta")
	cfg := stream.Config{Index: index.Add, IndexIf: index.Needed, Visit: prog.Add, Trim: index.Trim, Skip: analyzer.Skips, Fset: fset}
	trim := debugging("trim")
	if trim {
		cfg.IndexIf = nil // trim any program
	}
	_, results, err := stream.Run(cfg, patterns...)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if trim {
		bodies, dropped := index.Dropped()
		fmt.Fprintf(os.Stderr, "blockcheck: trim: dropped %d of %d function bodies of dependencies\n", dropped, bodies)
	}
	var pkgs []*packages.Package
	var problems []packageError
	for _, res := range results { // Visit's errors make a package broken
		if res.Broken != nil {
			problems = append(problems, problem(res))
			continue
		}
		pkgs = append(pkgs, res.Package)
	}
	var found []analyzer.ProgramFinding
	var m *analyzer.Map
	if mapped {
		found, m, err = prog.AnalyzeMap(pkgs)
	} else {
		found, err = prog.Analyze(pkgs)
	}
	if err != nil {
		return nil, nil, nil, nil, err
	}
	byPath := make(map[string]*packages.Package, len(pkgs))
	for _, p := range pkgs {
		byPath[p.PkgPath] = p
	}
	names := importNames()
	findings := make([]finding, len(found))
	for i, pf := range found {
		f := finding{Package: pf.Package, Category: pf.Category, Message: pf.Message, Posn: pf.Posn, End: pf.End}
		if len(pkgs) > 0 {
			f.Fixes = resolveFixes(pkgs[0].Fset, names(byPath[pf.Package]), pf.SuggestedFixes)
		}
		for j := 1; j < len(pf.Trace); j++ {
			msg := pf.Trace[j-1].Func + " calls " + pf.Trace[j].Func
			if pf.Trace[j].Dynamic {
				msg += " (through an interface, a function value or reflection)"
			}
			f.Related = append(f.Related, related{Posn: pf.Trace[j].Posn, End: pf.Trace[j].Posn, Message: msg})
		}
		f.reported = i
		findings[i] = f
	}
	sortFindings(findings)
	return findings, found, problems, m, nil
}

// writeTraces prints one trace for each root and sink, the shortest
// one, as govulncheck prints its call stacks.
func writeTraces(w io.Writer, found []analyzer.ProgramFinding) {
	type key struct{ pkg, root, sink string }
	best := make(map[key]analyzer.ProgramFinding)
	var order []key
	for _, f := range found {
		k := key{f.Package, f.Root, f.Sink}
		old, ok := best[k]
		if !ok {
			order = append(order, k)
		}
		if !ok || len(f.Trace) < len(old.Trace) {
			best[k] = f
		}
	}
	slices.SortStableFunc(order, func(a, b key) int {
		return cmp.Compare(len(best[a].Trace), len(best[b].Trace))
	})
	dir := currentDir()
	rel := func(p token.Position) string {
		if r, err := filepath.Rel(dir, p.Filename); err == nil {
			p.Filename = r
		}
		return p.String()
	}
	fmt.Fprintf(w, "\nTraces, one per root and sink, shortest first:\n")
	for i, k := range order {
		f := best[k]
		fmt.Fprintf(w, "\n#%d: %s reaches %s (%s)\n", i+1, f.Root, f.Sink, f.Category)
		caller := f.Root
		for _, h := range f.Trace {
			how := "calls"
			if h.Dynamic {
				how = "calls dynamically"
			}
			fmt.Fprintf(w, "\t%s: %s %s %s\n", rel(h.Posn), caller, how, h.Func)
			caller = h.Func
		}
	}
}

// writeText prints findings as go vet does, each followed by its chain,
// and, if contextLines is not negative, each position followed by the
// lines it spans and contextLines more on either side, numbered, as the
// go/analysis drivers' -c flag shows them.
func writeText(w io.Writer, findings []finding, contextLines int) {
	files := make(map[string][]string)
	show := func(posn, end token.Position, msg string) {
		fmt.Fprintf(w, "%s: %s\n", posn, msg)
		if contextLines < 0 {
			return
		}
		lines, ok := files[posn.Filename]
		if !ok {
			data, _ := os.ReadFile(posn.Filename) // no lines if it cannot be read
			lines = strings.Split(string(data), "\n")
			files[posn.Filename] = lines
		}
		if !end.IsValid() {
			end = posn
		}
		for i := max(posn.Line-contextLines, 1); i <= end.Line+contextLines && i <= len(lines); i++ {
			fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
		}
	}
	for _, f := range findings {
		show(f.Posn, f.End, f.Message)
		for _, r := range f.Related {
			show(r.Posn, r.End, "\t"+r.Message)
		}
	}
}

// currentDir is the working directory, for relative paths in output.
func currentDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	return dir
}
