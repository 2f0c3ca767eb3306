package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
)

// options are blockcheck's flags, other than the analyzer's.
type options struct {
	format   string // text, json or sarif; html for -routes
	context  int    // lines of source around each finding in text; -1 for none
	fix      bool   // apply the suggested fixes
	diff     bool   // show the fixes as a diff instead of applying them
	baseline string // file of accepted findings
	tests    bool
	mode     string // package or program
	trace    bool   // print a trace per root and sink (program mode)
	cache    bool   // use the cache (package mode)
	routes   bool   // print the request-path map (routes.go)
}

// formatFlag is -format.
type formatFlag struct{ value *string }

func (f formatFlag) String() string {
	if f.value == nil {
		return ""
	}
	return *f.value
}

func (f formatFlag) Set(v string) error {
	if !slices.Contains([]string{"text", "json", "sarif", "html"}, v) {
		return fmt.Errorf("want text, json or sarif (or html, with -routes)")
	}
	*f.value = v
	return nil
}

// jsonFlag is -json, the flag of every go/analysis checker, which
// means -format=json.
type jsonFlag struct{ set *bool }

func (f jsonFlag) String() string   { return "false" }
func (f jsonFlag) IsBoolFlag() bool { return true }
func (f jsonFlag) Set(v string) error {
	on, err := parseBool(v)
	*f.set = on
	return err
}

// parseBool parses a boolean flag's value as package flag does.
func parseBool(v string) (bool, error) {
	switch v {
	case "1", "t", "T", "true", "TRUE", "True":
		return true, nil
	case "0", "f", "F", "false", "FALSE", "False":
		return false, nil
	}
	return false, errors.New("parse error")
}

// usageHead introduces the flags in -h.
const usageHead = `%s

Usage: blockcheck [flags] packages
       go vet -vettool=$(which blockcheck) [flags] packages
       blockcheck -explain TOPIC

Exit status: 0 no findings; 3 findings (text output); 1 errors, such as a
package that does not type-check (the findings of the others are still
printed); 2 a command line it cannot use. -format=json and -format=sarif
exit 0 with findings. With -fix, the findings are those it could not fix.

Flags:
`

// parseFlags parses blockcheck's command line, and returns its options
// and the package patterns. Errors, and the flags when the error is
// flag.ErrHelp (-h), have been printed to stderr.
func parseFlags(args []string, stderr io.Writer) (options, []string, error) {
	fs := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts options
	var json bool
	opts.format = "text"
	fs.Var(formatFlag{&opts.format}, "format", "print findings as `text`, json (the go/analysis JSON tree, with suggested fixes) or sarif (SARIF 2.1.0, for code scanning)")
	fs.Var(jsonFlag{&json}, "json", "print findings as JSON: the same as -format=json")
	fs.IntVar(&opts.context, "c", -1, "with text output, show `N` lines of source around each finding")
	fs.BoolVar(&opts.fix, "fix", false, "apply the suggested fixes, then report the findings left")
	fs.BoolVar(&opts.diff, "diff", false, "print the fixes as a unified diff instead of applying them (implies -fix)")
	fs.StringVar(&opts.baseline, "baseline", "", "report and fix only findings that are not in this `file`; if it does not exist, write the current findings to it")
	fs.BoolVar(&opts.tests, "test", true, "also analyse test files (package mode; program mode never does)")
	fs.StringVar(&opts.mode, "mode", "package", "package: analyse each package with facts, as go vet does; program: analyse the whole program, following interfaces and function values")
	fs.BoolVar(&opts.trace, "trace", false, "with -mode=program, also print one trace per root and sink, shortest first")
	fs.BoolVar(&opts.routes, "routes", false, "print the request-path map instead of findings: every route, its handler, and what it reaches (-format=text, json or html)")
	cacheMode := "on"
	fs.StringVar(&cacheMode, "cache", cacheMode, "on: keep each package's results in $BLOCKCHECK_CACHE, or blockcheck in the user cache directory, and reuse those of unchanged packages (package mode); off: neither read nor write it")
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	fs.Usage = func() {} // the flag's error is enough; -h prints the flags
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, usageHead, strings.SplitN(analyzer.Analyzer.Doc, "\n", 2)[0])
			fs.PrintDefaults()
		} else {
			fmt.Fprintln(stderr, "blockcheck: run blockcheck -h for the flags")
		}
		return options{}, nil, err
	}
	if json {
		if explicit(fs, "format") && opts.format != "json" {
			return flagError(stderr, "-json is -format=json: drop -json or -format=%s", opts.format)
		}
		opts.format = "json"
	}
	opts.fix = opts.fix || opts.diff
	opts.cache = cacheMode == "on"
	switch {
	case cacheMode != "on" && cacheMode != "off":
		return flagError(stderr, "-cache=%s: want -cache=on or -cache=off", cacheMode)
	case opts.mode != "package" && opts.mode != "program":
		return flagError(stderr, "-mode=%s: want -mode=package or -mode=program", opts.mode)
	case opts.format == "html" && !opts.routes:
		return flagError(stderr, "-format=html draws the request-path map: add -routes")
	case opts.routes && (opts.fix || opts.format == "sarif" || opts.trace):
		return flagError(stderr, "-routes draws a map, with its chains: it has no fixes, SARIF or traces; drop -fix, -diff, -format=sarif or -trace")
	case opts.trace && opts.mode != "program":
		return flagError(stderr, "-trace needs whole-program mode: add -mode=program")
	case fs.NArg() == 0:
		return flagError(stderr, "no packages given; try ./...")
	}
	return opts, fs.Args(), nil
}

// explicit reports whether the flag name was set on the command line.
func explicit(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// errUsage is a command line that parses but makes no sense.
var errUsage = errors.New("usage")

// flagError prints a one-line error about the flags to stderr.
func flagError(stderr io.Writer, format string, args ...any) (options, []string, error) {
	fmt.Fprintf(stderr, "blockcheck: "+format+"\n", args...)
	return options{}, nil, errUsage
}

// vetProtocol reports whether args are go vet's: a query of the tool's
// version (-V=full) or flags (-flags), or, last, the configuration file
// of one package's analysis. go vet runs blockcheck this way, and the
// standard unitchecker answers.
func vetProtocol(args []string) bool {
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	for _, name := range flagNames(args) {
		if name == "V" || name == "flags" {
			return true
		}
	}
	return false
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

// takesValue reports whether the flag name takes a value, which may
// then be the next argument.
func takesValue(name string) bool {
	if f := analyzer.Analyzer.Flags.Lookup(name); f != nil {
		b, ok := f.Value.(interface{ IsBoolFlag() bool })
		return !ok || !b.IsBoolFlag()
	}
	return slices.Contains([]string{"format", "baseline", "mode", "c", "cache"}, name)
}
