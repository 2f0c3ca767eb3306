package analyzer

import (
	_ "embed"
	"fmt"
	"go/build"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/directive"
	"github.com/blockcheck/blockcheck/analyzer/internal/report"
	"github.com/blockcheck/blockcheck/analyzer/internal/roots"
	"github.com/blockcheck/blockcheck/analyzer/internal/ssabuild"
	"github.com/blockcheck/blockcheck/analyzer/internal/summary"
)

//go:embed doc.go
var doc string

// Analyzer reports CPU-heavy and blocking calls reached from request
// handlers. Its options come from its flags and from .blockcheck.yml
// files.
var Analyzer = newAnalyzer(nil, false)

// flags holds the options given on the command line to [Analyzer].
var flags Config

// goroot says to analyse the Go distribution's packages too.
var goroot bool

// fixAt lists the positions, file:line:col, of calls on request paths
// that roots in other packages reach: see [report.Reporter.Hints].
var fixAt []string

func init() {
	fs := &Analyzer.Flags
	fs.Var(&listFlag{&flags.Heavy, checkFullName}, "heavy", "comma-separated full names of functions to report as CPU-heavy sinks, such as example.com/pdf.Render or (*example.com/img.Resizer).Resize")
	fs.Var(&listFlag{&flags.Blocking, checkFullName}, "blocking", "comma-separated full names of functions to report as blocking sinks")
	fs.Var(&listFlag{&flags.RootParams, checkTypeName}, "root-params", "comma-separated full names of types, such as example.com/web.Context, whose parameters make a function a request root")
	fs.Var(&listFlag{&flags.Roots, checkRootName}, "roots", "comma-separated full names of functions or methods that are request roots, such as (*example.com/rpc.Dispatcher).Dispatch; (*example.com/rpc.Dispatcher).* for every exported method")
	fs.BoolVar(&flags.Lambda, "lambda", false, "treat the handlers passed to lambda.Start as request roots")
	fs.Var(&listFlag{&flags.Categories, checkCategory}, "categories", "comma-separated categories to report (default all: "+strings.Join(Categories(), ",")+")")
	fs.Var(&ignoreFlag[IgnoredSink]{&flags.IgnoreSinks, "ignore-sink", checkFullName}, "ignore-sink", "`name=reason`: do not report the sink with this full name; may be repeated")
	fs.Var(&ignoreFlag[IgnoredRoot]{&flags.IgnoreRoots, "ignore-root", checkRootName}, "ignore-root", "`name=reason`: the function or method with this full name, or (*T).* or an interface's (I).M or (I).* that names every method implementing it, is no request root; may be repeated")
	fs.Var(&listFlag{&fixAt, checkPosition}, "fix-at", "comma-separated positions (file:line:col) of calls that a finding's chain shows in another package than its root's, to fix in their own package: a drivers' option for repeated -fix")
	fs.BoolVar(&goroot, "goroot", false, "also analyse the packages of the Go distribution, which are skipped by default (slow; for testing blockcheck on std)")
}

// SetFixAt replaces the positions of the -fix-at flag: calls, in
// other packages than their roots', that findings' chains show, to be
// reported and fixed in their own package. It is for drivers that
// repeat -fix until no fix is left; nil clears them.
func SetFixAt(positions []string) error {
	for _, p := range positions {
		if err := checkPosition(p); err != nil {
			return err
		}
	}
	fixAt = slices.Clone(positions)
	return nil
}

// New returns an analyzer with the given options, to which those of
// .blockcheck.yml files are added. It is for drivers that configure
// analyzers in code, such as golangci-lint plugins; command-line tools
// use [Analyzer] and its flags.
func New(cfg Config) (*analysis.Analyzer, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	return newAnalyzer(&cfg, false), nil
}

// newAnalyzer returns an analyzer whose options are base, or the flags
// when base is nil, and whose result, if mapped, is the package's
// request-path map.
func newAnalyzer(base *Config, mapped bool) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:      "blockcheck",
		Doc:       analyzerDoc(doc, "blockcheck"),
		URL:       "https://pkg.go.dev/github.com/blockcheck/blockcheck/analyzer",
		FactTypes: []analysis.Fact{new(summary.Reach), new(summary.Variant)},
	}
	a.Run = func(pass *analysis.Pass) (_ any, err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("internal error analysing %s (please report it): %v\n%s", pass.Pkg.Path(), p, debug.Stack())
			}
		}()
		cfg := flags
		if base != nil {
			cfg = *base
		}
		if !mapped {
			return nil, run(pass, cfg, nil)
		}
		m := new(Map)
		return m, run(pass, cfg, m)
	}
	return a
}

// Skips reports whether [Analyzer] does nothing for the package whose
// files are in dir: a package of the Go distribution, unless the
// -goroot flag is set. The catalog covers the standard library, which
// has no request handlers of its own to report. Drivers may type-check
// such packages without function bodies and not run the analyzer.
func Skips(dir string) bool {
	return !goroot && strings.HasPrefix(dir+string(filepath.Separator), filepath.Join(build.Default.GOROOT, "src")+string(filepath.Separator))
}

// run analyses the package of pass and, if m is not nil, fills m with
// its request-path map.
func run(pass *analysis.Pass, cfg Config, m *Map) error {
	if len(pass.Files) == 0 {
		return nil
	}
	dir := filepath.Dir(pass.Fset.File(pass.Files[0].Pos()).Name())
	if Skips(dir) {
		return nil
	}
	if pass.Module != nil && pass.Module.Version != "" {
		// A dependency (a module with a version) is analysed for its
		// facts, not mapped: its routes are not the program's, and
		// drawing them would build SSA for every package of it.
		m = nil
	}
	file, err := FindConfig(dir)
	if err != nil {
		return err
	}
	cfg = cfg.merge(file)
	if err := roots.CheckNames(pass.Pkg, cfg.Roots); err != nil {
		return err
	}

	summary.ExportVariants(pass)
	dirs := directive.Parse(pass.Fset, pass.Files)
	report.Directives(pass, dirs)
	scfg := summary.Config{Directives: dirs, Extra: extraSinks(cfg), Ignored: ignored(cfg)}
	if m == nil && !summary.Relevant(pass, scfg) {
		// Nothing here reaches a sink, so no ignore directive
		// suppresses anything.
		report.UnusedIgnores(pass, dirs.Ignores())
		return nil
	}
	funcs := ssabuild.Build(pass)
	finder := roots.NewFinder(pass.Pkg, pass.Fset, rootOptions(cfg))
	finder.MarkTestSupport(pass.Fset, pass.Files)
	rs := finder.Find(funcs)
	env := summary.PackageEnv(pass)
	env.Root = finder.Is // a root that reflection dispatches to reports itself
	env.Constants = summary.Constants(funcs, false)
	res := summary.Analyze(env, funcs, scfg)
	res.ExportFacts(pass)
	report.UnusedIgnores(pass, res.UnusedIgnores())
	rep := report.New(pass, scfg, res, finder, rs, categories(cfg))
	for _, root := range rs {
		rep.Root(root)
	}
	rep.Hints(positions(fixAt))
	if m != nil {
		mp := &mapper{fset: pass.Fset, finder: finder, res: res, enabled: categories(cfg)}
		mp.fill(m, funcs, rs)
	}
	return nil
}

// rootOptions returns the options of cfg that say what a root is.
func rootOptions(cfg Config) roots.Options {
	ignore := make([]string, len(cfg.IgnoreRoots))
	for i, r := range cfg.IgnoreRoots {
		ignore[i] = r.Name
	}
	return roots.Options{Params: cfg.RootParams, Funcs: cfg.Roots, Ignore: ignore, Lambda: cfg.Lambda}
}

// extraSinks returns the catalog entries for the sinks that cfg declares.
func extraSinks(cfg Config) map[string]*catalog.Entry {
	extra := make(map[string]*catalog.Entry)
	for _, name := range cfg.Heavy {
		extra[name] = &catalog.Entry{
			Name: name, Category: catalog.CPUHeavy, Family: "declared in configuration",
			Why: "it is declared CPU-heavy in blockcheck's configuration", Remedy: "run it with offload",
		}
	}
	for _, name := range cfg.Blocking {
		extra[name] = &catalog.Entry{
			Name: name, Category: catalog.Blocking, Family: "declared in configuration",
			Why: "it is declared blocking in blockcheck's configuration", Remedy: "pass it the request's context",
		}
	}
	return extra
}

// ignored returns the set of sinks that cfg turns off.
func ignored(cfg Config) map[string]bool {
	set := make(map[string]bool, len(cfg.IgnoreSinks))
	for _, s := range cfg.IgnoreSinks {
		set[s.Name] = true
	}
	return set
}

// categories returns the set of categories to report.
func categories(cfg Config) map[catalog.Category]bool {
	set := make(map[catalog.Category]bool)
	for _, c := range catalog.Categories {
		if len(cfg.Categories) == 0 || slices.Contains(cfg.Categories, string(c)) {
			set[c] = true
		}
	}
	return set
}

// analyzerDoc extracts the "# Analyzer name" section of a package
// doc comment, without its comment markers.
func analyzerDoc(src, name string) string {
	heading := "// # Analyzer " + name + "\n"
	_, rest, ok := strings.Cut(src, heading)
	if !ok {
		panic("analyzer: doc.go has no section " + heading)
	}
	var lines []string
	for _, line := range strings.Split(rest, "\n") {
		if !strings.HasPrefix(line, "//") {
			break
		}
		line = strings.TrimPrefix(line, "//")
		lines = append(lines, strings.TrimPrefix(line, " "))
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
