package main

import (
	"archive/tar"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// options holds the command-line flags.
type options struct {
	rounds      int
	modules     string
	tools       string
	timeout     time.Duration
	out         string
	doc         string
	rev         string
	staticcheck string
	logs        string
	fetch       bool
	keep        bool
	report      bool
}

func main() {
	var o options
	flag.IntVar(&o.rounds, "rounds", 3, "number of `rounds`; each runs every tool once per module")
	flag.StringVar(&o.modules, "modules", "", "comma-separated `names` of corpus modules, from corpus/modules.txt (default all)")
	flag.StringVar(&o.tools, "tools", "", "comma-separated `tools` to run, of "+strings.Join(toolNames(), ",")+" (default all but vet-null)")
	flag.DurationVar(&o.timeout, "timeout", 20*time.Minute, "kill a run after this `duration` and record it as a timeout")
	flag.StringVar(&o.out, "out", "", "`directory` for runs.csv, summary.csv, table.md and the plots (default perf/results)")
	flag.StringVar(&o.doc, "doc", "", "markdown `file` whose <!-- perf:begin --> … <!-- perf:end --> section gets table.md (default PERF.md; none for none)")
	flag.StringVar(&o.rev, "rev", "", "build blockcheck from this git `revision` instead of the working tree")
	flag.StringVar(&o.staticcheck, "staticcheck", "v0.8.2", "`version` of honnef.co/go/tools to install")
	flag.StringVar(&o.logs, "logs", "", "keep each run's output in this `directory` (default: discarded)")
	flag.BoolVar(&o.fetch, "fetch", true, "fetch and build missing modules with corpus/fetch.sh")
	flag.BoolVar(&o.keep, "keep", false, "keep the runs found in runs.csv of the modules and tools not measured now, to measure in several goes")
	flag.BoolVar(&o.report, "report", false, "measure nothing; rewrite the tables and plots from runs.csv")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: go run ./perf [flags]   (from bench/)\n\nperf times go vet, staticcheck and blockcheck on the corpus modules.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 || o.rounds < 1 {
		flag.Usage()
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := perf(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "perf:", err)
		os.Exit(1)
	}
}

// A module is a line of corpus/modules.txt.
type module struct {
	name, version string // version is module@version
}

// paths holds the directories the harness works with.
type paths struct {
	bench, repo, corpus string
	out, doc            string
	tmp, logs           string
}

func perf(ctx context.Context, o options) error {
	var p paths
	var err error
	if p.bench, err = findBench(); err != nil {
		return err
	}
	p.repo = filepath.Dir(p.bench)
	p.out = cmpOr(o.out, filepath.Join(p.bench, "perf", "results"))
	p.doc = cmpOr(o.doc, filepath.Join(p.bench, "PERF.md"))
	if o.doc == "none" {
		p.doc = ""
	}
	if p.corpus = os.Getenv("BLOCKCHECK_CORPUS"); p.corpus == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return err
		}
		p.corpus = filepath.Join(home, ".cache", "blockcheck-corpus")
	}
	if err := os.MkdirAll(p.out, 0o777); err != nil {
		return err
	}

	if o.report {
		runs, err := loadRuns(filepath.Join(p.out, "runs.csv"))
		if err != nil {
			return err
		}
		m, err := loadMachine(filepath.Join(p.out, "machine.json"))
		if err != nil {
			return err
		}
		return writeOutputs(p, m, runs)
	}

	picked, err := pickTools(o.tools)
	if err != nil {
		return err
	}
	mods, err := pickModules(filepath.Join(p.bench, "corpus", "modules.txt"), o.modules)
	if err != nil {
		return err
	}
	if p.tmp, err = os.MkdirTemp("", "blockcheck-perf-"); err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(p.tmp) }() // in the system's temporary directory if this fails
	p.logs = cmpOr(o.logs, filepath.Join(p.tmp, "logs"))
	if err := os.MkdirAll(p.logs, 0o777); err != nil {
		return err
	}

	if o.fetch {
		if err := fetch(ctx, p, mods); err != nil {
			return err
		}
	}
	var bin binaries
	m := describeMachine()
	m.Rounds, m.Timeout = o.rounds, o.timeout.String()
	if bin.blockcheck, m.Blockcheck, err = buildBlockcheck(ctx, p, o.rev); err != nil {
		return err
	}
	if slices.ContainsFunc(picked, func(t tool) bool { return t.Name == "vet-null" }) {
		bin.nullvet = filepath.Join(p.tmp, "bin", "nullvet")
		cmd := exec.CommandContext(ctx, "go", "build", "-o", bin.nullvet, "./perf/nullvet")
		cmd.Dir = p.bench
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building nullvet: %v", err)
		}
	}
	for _, vt := range []struct{ kind, path string }{{goVet, ""}, {blockcheck, bin.blockcheck}, {nullvet, bin.nullvet}} {
		if vt.kind != goVet && vt.path == "" {
			continue
		}
		if err := checkNonceFlag(ctx, vt.kind, vt.path); err != nil {
			return fmt.Errorf("the flag that makes go vet miss its cache: %v", err)
		}
	}
	if slices.ContainsFunc(picked, func(t tool) bool { return t.Name == "staticcheck" }) {
		if bin.staticcheck, m.Staticcheck, err = installStaticcheck(ctx, p, o.staticcheck); err != nil {
			return err
		}
	} else if old, err := loadMachine(filepath.Join(p.out, "machine.json")); err == nil && o.keep {
		m.Staticcheck = old.Staticcheck
	}
	fmt.Fprintf(os.Stderr, "perf: %s; blockcheck %s; %s\n", m, m.Blockcheck, cmpOr(m.Staticcheck, "no staticcheck"))

	var runs []run
	if o.keep {
		old, err := loadRuns(filepath.Join(p.out, "runs.csv"))
		if err != nil {
			return err
		}
		runs = slices.DeleteFunc(old, func(r run) bool {
			return slices.ContainsFunc(mods, func(m module) bool { return m.name == r.Module }) &&
				slices.ContainsFunc(picked, func(t tool) bool { return t.Name == r.Tool })
		})
	}
	if err := saveMachine(filepath.Join(p.out, "machine.json"), m); err != nil {
		return err
	}

	batch := time.Now().UTC().Format(time.RFC3339)
	h := &harness{paths: p, bin: bin, opts: o, batch: batch, commit: m.Blockcheck}
	start := time.Now()
	var measureErr error
	for _, mod := range mods {
		err := h.measure(ctx, mod, picked, func(r run) error {
			runs = append(runs, r)
			return saveRuns(filepath.Join(p.out, "runs.csv"), runs)
		})
		if err != nil {
			measureErr = err
			break
		}
	}
	fmt.Fprintf(os.Stderr, "perf: measured for %s\n", time.Since(start).Round(time.Second))
	if err := writeOutputs(p, m, runs); err != nil {
		return err
	}
	return measureErr
}

// cmpOr returns s, or def if s is empty.
func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// findBench returns the bench directory: the current directory or the
// closest one above that holds corpus/modules.txt.
func findBench() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "corpus", "modules.txt")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run perf from the bench directory of a blockcheck checkout (no corpus/modules.txt here or above)")
		}
		dir = parent
	}
}

// pickModules reads the modules listed in file and returns those named in
// the comma-separated list, in the file's order, or all if list is empty.
func pickModules(file, list string) ([]module, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var all []module
	for line := range strings.Lines(string(data)) {
		fields := strings.Fields(line)
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		all = append(all, module{fields[0], fields[1]})
	}
	if list == "" {
		return all, nil
	}
	var picked []module
	for _, name := range strings.Split(list, ",") {
		i := slices.IndexFunc(all, func(m module) bool { return m.name == name })
		if i < 0 {
			return nil, fmt.Errorf("no module %q in %s", name, file)
		}
		picked = append(picked, all[i])
	}
	slices.SortStableFunc(picked, func(a, b module) int {
		return slices.Index(all, a) - slices.Index(all, b)
	})
	return slices.Compact(picked), nil
}

// prepared reports whether fetch.sh has prepared the module.
func prepared(p paths, m module) bool {
	_, err := os.Stat(filepath.Join(p.corpus, m.name, ".prepared"))
	return err == nil
}

// fetch runs corpus/fetch.sh for the modules that are not prepared yet.
func fetch(ctx context.Context, p paths, mods []module) error {
	var missing []string
	for _, m := range mods {
		if !prepared(p, m) {
			missing = append(missing, m.name)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	fmt.Fprintf(os.Stderr, "perf: fetching and building %s with corpus/fetch.sh (the largest take minutes)\n", strings.Join(missing, ", "))
	cmd := exec.CommandContext(ctx, "bash", append([]string{filepath.Join(p.bench, "corpus", "fetch.sh")}, missing...)...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("corpus/fetch.sh: %v", err)
	}
	return nil
}

// buildBlockcheck builds blockcheck from the working tree of the
// checkout, or from rev, into the temporary directory. It returns the
// binary and the commit, marked +dirty when the working tree outside
// bench/ differs from it.
func buildBlockcheck(ctx context.Context, p paths, rev string) (bin, commit string, err error) {
	bin = filepath.Join(p.tmp, "bin", "blockcheck")
	src := p.repo
	if rev == "" {
		if commit, err = gitOutput(ctx, p.repo, "rev-parse", "--short", "HEAD"); err != nil {
			return "", "", err
		}
		status, err := gitOutput(ctx, p.repo, "status", "--porcelain", "--", ".", ":(exclude)bench")
		if err != nil {
			return "", "", err
		}
		if status != "" {
			commit += "+dirty"
			fmt.Fprintf(os.Stderr, "perf: building blockcheck from a modified working tree (-rev HEAD builds the commit):\n%s\n", status)
		}
	} else {
		if commit, err = gitOutput(ctx, p.repo, "rev-parse", "--short", rev+"^{commit}"); err != nil {
			return "", "", err
		}
		src = filepath.Join(p.tmp, "src")
		if err := gitArchive(ctx, p.repo, commit, src); err != nil {
			return "", "", err
		}
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/blockcheck")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "GOWORK=off")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", "", fmt.Errorf("building blockcheck %s: %v", commit, err)
	}
	return bin, commit, nil
}

// gitOutput runs git in dir and returns its output, trimmed.
func gitOutput(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}

// gitArchive extracts the tree of commit into dest.
func gitArchive(ctx context.Context, repo, commit, dest string) error {
	cmd := exec.CommandContext(ctx, "git", "archive", "--format=tar", commit)
	cmd.Dir = repo
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	extractErr := extract(out, dest)
	_, _ = io.Copy(io.Discard, out) // let git finish after an extraction error
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git archive %s: %v", commit, err)
	}
	return extractErr
}

// extract writes the regular files and directories of a tar stream
// under dest.
func extract(r io.Reader, dest string) error {
	tr := tar.NewReader(r)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Join(dest, filepath.FromSlash(hdr.Name))
		if !strings.HasPrefix(name, filepath.Clean(dest)+string(filepath.Separator)) {
			return fmt.Errorf("archive entry %q leaves its directory", hdr.Name)
		}
		switch hdr.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(name, 0o777); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
				return err
			}
			f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, hdr.FileInfo().Mode().Perm()|0o200)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}

// installStaticcheck installs staticcheck at version into a temporary
// GOBIN and returns the binary and what its -version prints.
func installStaticcheck(ctx context.Context, p paths, version string) (bin, desc string, err error) {
	gobin := filepath.Join(p.tmp, "gobin")
	cmd := exec.CommandContext(ctx, "go", "install", "honnef.co/go/tools/cmd/staticcheck@"+version)
	cmd.Dir = p.tmp
	cmd.Env = append(os.Environ(), "GOBIN="+gobin, "GOFLAGS=", "GOWORK=off")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", "", fmt.Errorf("installing staticcheck %s: %v", version, err)
	}
	bin = filepath.Join(gobin, "staticcheck")
	out, err := exec.CommandContext(ctx, bin, "-version").Output()
	if err != nil {
		return "", "", fmt.Errorf("staticcheck -version: %v", err)
	}
	return bin, strings.TrimPrefix(strings.TrimSpace(string(out)), "staticcheck "), nil
}

// writeOutputs writes runs.csv, summary.csv, table.md and the plots in
// p.out, and the table into p.doc.
func writeOutputs(p paths, m machine, runs []run) error {
	if len(runs) == 0 {
		return errors.New("no runs to report")
	}
	if err := saveRuns(filepath.Join(p.out, "runs.csv"), runs); err != nil {
		return err
	}
	cells := summarizeRuns(runs)
	var sb strings.Builder
	if err := writeSummary(&sb, cells); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(p.out, "summary.csv"), []byte(sb.String()), 0o666); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(p.out, "table.md"), []byte(markdown(m, runs, ".")), 0o666); err != nil {
		return err
	}
	if err := plotCost(cells, false, filepath.Join(p.out, "loc-vs-time.png")); err != nil {
		return err
	}
	if err := plotCost(cells, true, filepath.Join(p.out, "cost-per-kloc.png")); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "perf: wrote %s\n", p.out)
	if p.doc == "" {
		return nil
	}
	doc, err := os.ReadFile(p.doc)
	if os.IsNotExist(err) {
		fmt.Fprintf(os.Stderr, "perf: no %s; the table is in %s\n", p.doc, filepath.Join(p.out, "table.md"))
		return nil
	}
	if err != nil {
		return err
	}
	img, err := filepath.Rel(filepath.Dir(p.doc), p.out)
	if err != nil {
		return err
	}
	updated, err := replaceSection(string(doc), markdown(m, runs, filepath.ToSlash(img)))
	if err != nil {
		return fmt.Errorf("%s: %v", p.doc, err)
	}
	if err := os.WriteFile(p.doc, []byte(updated), 0o666); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "perf: updated %s\n", p.doc)
	return nil
}

const (
	sectionBegin = "<!-- perf:begin -->"
	sectionEnd   = "<!-- perf:end -->"
)

// replaceSection replaces what lies between the perf markers in doc by
// body.
func replaceSection(doc, body string) (string, error) {
	i := strings.Index(doc, sectionBegin)
	j := strings.Index(doc, sectionEnd)
	if i < 0 || j < i {
		return "", fmt.Errorf("no %s … %s section", sectionBegin, sectionEnd)
	}
	return doc[:i+len(sectionBegin)] + "\n" + strings.TrimSuffix(body, "\n") + "\n" + doc[j:], nil
}
