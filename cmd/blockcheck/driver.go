package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/stream"
)

// This file is blockcheck's own driver, which runs unless a flag asks
// for the standard one (singlechecker): for fixes, JSON with suggested
// fixes, or go vet's protocol. It analyses packages one at a time
// (package stream), which takes far less memory than the standard
// driver, and adds SARIF output, baselines and whole-program mode.

// A finding is one diagnostic, in a form that outlives the analysis.
type finding struct {
	Package  string
	Category string
	Message  string
	Posn     token.Position
	End      token.Position
	Related  []related
	Fixes    int
}

// related is one hop of a finding's chain.
type related struct {
	Posn    token.Position
	Message string
}

// options are the flags of blockcheck's own driver.
type options struct {
	format   string // text, json or sarif
	baseline string // file of accepted findings
	tests    bool
	mode     string // package or program
	trace    bool   // print a trace per root and sink (program mode)
	routes   bool   // print the request-path map (routes.go)
}

// standardFlags lists the flags that only the standard driver has.
var standardFlags = []string{
	"fix", "diff", "json", "c", // fixes and their output
	"flags", "V", // go vet's protocol
	"debug", "cpuprofile", "memprofile", // debugging
	"source", "v", "all", "tags", // deprecated, no effect
}

// standardUsage describes the flags that select the standard driver.
const standardUsage = `
These flags run the standard go/analysis driver instead, which holds
every package in memory at once:
  -json	print the findings and their suggested fixes as JSON
  -c int	show this many lines of context around each finding
  -fix	apply the suggested fixes
  -diff	with -fix, print a diff instead of changing the files
`

// wantsDriver reports whether args are for blockcheck's own driver:
// neither a flag of the standard driver nor, as go vet passes, a
// configuration file.
func wantsDriver(args []string) bool {
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		return false
	}
	for _, name := range flagNames(args) {
		if slices.Contains(standardFlags, name) {
			return false
		}
	}
	return true
}

// flagNames returns the names of the flags in args, up to the first
// argument that is not a flag, skipping the values of flags that take
// one.
func flagNames(args []string) []string {
	var names []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" || !strings.HasPrefix(arg, "-") {
			break
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		names = append(names, name)
		if !hasValue && takesValue(name) {
			i++ // "-flag value"
		}
	}
	return names
}

// ownFlags lists the flags that only blockcheck's own driver has.
var ownFlags = []string{"format", "baseline", "mode", "trace", "routes"}

// mixedDrivers returns a one-line error if args mix a flag that only the
// standard driver has with one that only blockcheck's own driver has,
// saying what to use instead; "" if they do not. go vet's protocol is
// never mixed: it passes only the analyzer's flags.
func mixedDrivers(args []string) string {
	var standard, own string
	for _, name := range flagNames(args) {
		switch {
		case standard == "" && slices.Contains(standardFlags, name):
			standard = name
		case own == "" && slices.Contains(ownFlags, name):
			own = name
		}
	}
	if standard == "" || own == "" {
		return ""
	}
	instead := "drop one of them"
	switch standard {
	case "json":
		instead = "use -format=json instead of -json"
	case "fix", "diff":
		instead = "run -fix (or -fix -diff) on its own, then the rest"
	case "c":
		instead = "drop -c, which only the standard driver's text output has"
	}
	return fmt.Sprintf("-%s and -%s cannot be used together: -%s runs the standard go/analysis driver, which has no -%s; %s", standard, own, standard, own, instead)
}

// takesValue reports whether the flag name, of either driver, takes a
// value, which may then be the next argument.
func takesValue(name string) bool {
	if f := analyzer.Analyzer.Flags.Lookup(name); f != nil {
		b, ok := f.Value.(interface{ IsBoolFlag() bool })
		return !ok || !b.IsBoolFlag()
	}
	return slices.Contains([]string{"format", "baseline", "mode", "c", "debug", "cpuprofile", "memprofile", "tags"}, name)
}

// runDriver runs blockcheck's own driver with the command-line
// arguments args, writing to stdout and stderr, and returns the exit
// code: 0 for no (new) findings, 1 for errors, 3 for findings in text
// form.
func runDriver(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts options
	fs.StringVar(&opts.format, "format", "text", "output format: text, json or sarif")
	fs.StringVar(&opts.baseline, "baseline", "", "report only findings that are not in this `file`; if it does not exist, write the current findings to it")
	fs.BoolVar(&opts.tests, "test", true, "also analyse test files (package mode; program mode never does)")
	fs.StringVar(&opts.mode, "mode", "package", "package: analyse each package with facts, as go vet does; program: analyse the whole program, following interfaces and function values")
	fs.BoolVar(&opts.trace, "trace", false, "with -mode=program, also print one trace per root and sink, shortest first")
	fs.BoolVar(&opts.routes, "routes", false, "print the request-path map: every route, its handler, and what it reaches (-format=text, json or html)")
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s\n\nUsage: blockcheck [flags] packages\n       go vet -vettool=$(which blockcheck) [flags] packages\n       blockcheck -explain TOPIC\n\nFlags:\n", strings.SplitN(analyzer.Analyzer.Doc, "\n", 2)[0])
		fs.PrintDefaults()
		fmt.Fprint(stderr, standardUsage)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 1
	}
	if opts.routes {
		return runRoutes(fs.Args(), opts, stdout, stderr)
	}
	if !slices.Contains([]string{"text", "json", "sarif"}, opts.format) {
		fmt.Fprintf(stderr, "blockcheck: -format=%s: want text, json or sarif\n", opts.format)
		return 1
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "blockcheck: no packages given; try ./...")
		return 1
	}
	var findings []finding
	var traces []analyzer.ProgramFinding
	var problems []packageError // packages that could not be analysed
	var err error
	switch opts.mode {
	case "package":
		if opts.trace {
			fmt.Fprintln(stderr, "blockcheck: -trace needs -mode=program")
			return 1
		}
		findings, problems, err = analyse(fs.Args(), opts.tests)
	case "program":
		findings, traces, problems, err = analyseProgram(fs.Args())
	default:
		fmt.Fprintf(stderr, "blockcheck: -mode=%s: want package or program\n", opts.mode)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	if opts.baseline != "" {
		var wrote bool
		findings, wrote, err = applyBaseline(opts.baseline, findings)
		if err != nil {
			fmt.Fprintf(stderr, "blockcheck: %v\n", err)
			return 1
		}
		if wrote {
			fmt.Fprintf(stderr, "blockcheck: wrote %d findings to %s; later runs with -baseline=%s report only new ones\n", len(findings), opts.baseline, opts.baseline)
			return 0
		}
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
		writeText(stderr, findings) // as go vet and the standard checkers do
		if opts.trace {
			writeTraces(stderr, traces)
		}
		switch {
		case len(problems) > 0:
			return 1
		case len(findings) > 0:
			return 3
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	if len(problems) > 0 {
		return 1
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

// analyse loads the packages that match patterns, with their tests if
// tests is set, runs the analyzer and returns its findings, deduplicated
// (a file in both a package and its test variant is reported once) and
// sorted by position, and a description of each package that could not
// be analysed because it or a dependency has errors.
func analyse(patterns []string, tests bool) ([]finding, []packageError, error) {
	return analyseWith(analyzer.Analyzer, patterns, tests, nil)
}

// analyseWith is analyse with the analyzer a, whose result for each
// package it passes to value, if set.
func analyseWith(a *analysis.Analyzer, patterns []string, tests bool, value func(any)) ([]finding, []packageError, error) {
	cfg := stream.Config{Analyzer: a, Tests: tests, Skip: analyzer.Skips}
	fset, results, err := stream.Run(cfg, patterns...)
	if err != nil {
		return nil, nil, err
	}
	var findings []finding
	var problems []packageError
	seen := make(map[string]bool)
	var errs []error
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
		if value != nil {
			value(res.Value)
		}
		for _, d := range res.Diagnostics {
			f := finding{
				Package:  res.Package.PkgPath,
				Category: d.Category,
				Message:  d.Message,
				Posn:     fset.Position(d.Pos),
				End:      fset.Position(d.End),
				Fixes:    len(d.SuggestedFixes),
			}
			key := fmt.Sprint(f.Posn, f.Message)
			if seen[key] {
				continue
			}
			seen[key] = true
			for _, r := range d.Related {
				f.Related = append(f.Related, related{Posn: fset.Position(r.Pos), Message: r.Message})
			}
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
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	pkgs, problems := healthy(pkgs)
	var found []analyzer.ProgramFinding
	var m *analyzer.Map
	if mapped {
		found, m, err = analyzer.AnalyzeProgramMap(pkgs)
	} else {
		found, err = analyzer.AnalyzeProgram(pkgs)
	}
	if err != nil {
		return nil, nil, nil, nil, err
	}
	findings := make([]finding, len(found))
	for i, pf := range found {
		f := finding{Package: pf.Package, Category: pf.Category, Message: pf.Message, Posn: pf.Posn, End: pf.End}
		for j := 1; j < len(pf.Trace); j++ {
			msg := pf.Trace[j-1].Func + " calls " + pf.Trace[j].Func
			if pf.Trace[j].Dynamic {
				msg += " (through an interface, a function value or reflection)"
			}
			f.Related = append(f.Related, related{Posn: pf.Trace[j].Posn, Message: msg})
		}
		findings[i] = f
	}
	sortFindings(findings)
	return findings, found, problems, m, nil
}

// healthy returns the packages of pkgs that, with all their
// dependencies, loaded and type-checked without errors, and a
// description of each of the others: whole-program mode analyses the
// healthy part of the program, as the default driver does.
func healthy(pkgs []*packages.Package) ([]*packages.Package, []packageError) {
	brokenBy := make(map[*packages.Package]*packages.Package) // the first broken package below each
	var visit func(p *packages.Package) *packages.Package
	visited := make(map[*packages.Package]bool)
	visit = func(p *packages.Package) *packages.Package {
		if visited[p] {
			return brokenBy[p]
		}
		visited[p] = true
		if len(p.Errors) > 0 {
			brokenBy[p] = p
			return p
		}
		// go/packages marks the importers of an ill-typed package
		// ill-typed too: name the package with the errors.
		for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
			if b := visit(p.Imports[path]); b != nil {
				brokenBy[p] = b
				return b
			}
		}
		if p.IllTyped {
			brokenBy[p] = p
			return p
		}
		return nil
	}
	var ok []*packages.Package
	var problems []packageError
	for _, p := range pkgs {
		b := visit(p)
		if b == nil {
			ok = append(ok, p)
			continue
		}
		var errs []error
		for _, e := range b.Errors {
			errs = append(errs, e)
		}
		if len(errs) == 0 {
			errs = append(errs, errors.New("it does not type-check"))
		}
		res := stream.Result{Package: p, Broken: errors.Join(errs...)}
		if b != p {
			res.BrokenDep = b.PkgPath
		}
		problems = append(problems, problem(res))
	}
	return ok, problems
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

// writeText prints findings as go vet does, each followed by its chain.
func writeText(w io.Writer, findings []finding) {
	for _, f := range findings {
		fmt.Fprintf(w, "%s: %s\n", f.Posn, f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(w, "%s: \t%s\n", r.Posn, r.Message)
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
