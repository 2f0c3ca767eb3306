package stream

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"go/build"
	"go/token"
	"go/types"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/cache"
)

// This file keeps the result of each package's analysis in a cache
// (Config.Cache): its diagnostics and the facts it exported, under a
// key of everything they depend on. A run first lists the packages
// with only what their keys need (fromCache) and, if the cache holds
// the entry of every package that matched the patterns, answers from
// those alone: then go list neither runs cgo nor hashes the files for
// the build cache, and no dependency's entry is read. Otherwise the
// packages are listed again for analysis, keyed by their IDs in the
// first listing (with cgo's output, a package's imports grow), and
// each is looked up before anything is parsed. That second listing
// names only the packages that were not found (runMissed), unless they
// cannot be named or none was found; the others' results are those of
// the first. A package found there is neither analysed nor,
// unless a package that must be analysed imports it, directly or not,
// type-checked; one that is type-checked for an importer is checked
// without function bodies and given its facts from the cache.
//
// Facts go through the cache as go vet's unitchecker passes them
// between processes: by object path, so that a fact of an object that
// has none (a method of a type local to a function) is lost; and with
// their exported fields only.

// keyVersion changes whenever the entries' format or meaning does.
const keyVersion = "blockcheck stream cache 2\n"

// An entry is what the cache holds for one package.
type entry struct {
	Files       []entryFile // that Diagnostics refer to
	Diagnostics []entryDiagnostic
	Facts       []entryFact
}

// An entryFile is a file's name, line table and line directives, from
// which a position is rebuilt without reading the file.
type entryFile struct {
	Name  string
	Size  int
	Lines []int
	Alt   []entryLine
}

// An entryLine is where a line directive (//line name:line:column)
// places the start of a line at Offset, and the lines after it up to
// the next one.
type entryLine struct {
	Offset       int
	Filename     string
	Line, Column int
}

// lineDirectives returns what the line directives of f make of its
// lines: an entryLine for each line whose start does not follow from
// the previous line's. [token.File.AddLineColumnInfo] with them gives
// a file the same position for the start of every line, and for every
// offset in the file unless a directive starts inside a line
// (/*line name:line:column*/), which cgo and code generators do not
// write.
func lineDirectives(f *token.File) []entryLine {
	var alt []entryLine
	name, line, column, from := f.Name(), 1, 1, 0 // the last entryLine's, at line index from
	for i, offset := range f.Lines() {
		p := f.PositionFor(f.Pos(offset), true)
		want := 1 // the column of a line's start after the one of a directive
		if column == 0 {
			want = 0 // unknown up to the next directive
		}
		if i > from && p.Filename == name && p.Line == line+i-from && p.Column == want {
			continue
		}
		if i == 0 && p.Filename == name && p.Line == 1 && p.Column == 1 {
			continue
		}
		alt = append(alt, entryLine{Offset: offset, Filename: p.Filename, Line: p.Line, Column: p.Column})
		name, line, column, from = p.Filename, p.Line, p.Column, i
	}
	return alt
}

// An entryPos is a position: a file of the entry (numbered from 1; 0
// for no position) and an offset in it.
type entryPos struct{ File, Offset int }

type entryDiagnostic struct {
	Pos, End entryPos
	Category string
	Message  string
	URL      string
	Fixes    []entryFix
	Related  []entryRelated
}

type entryFix struct {
	Message string
	Edits   []entryEdit
}

type entryEdit struct {
	Pos, End entryPos
	New      []byte
}

type entryRelated struct {
	Pos, End entryPos
	Message  string
}

// An entryFact is a fact of an object of the package, by object path.
type entryFact struct {
	Path objectpath.Path
	Type int // index in the analyzer's FactTypes
	Data []byte
}

// listMode is what a package's key needs of go list: not its compiled
// files nor its types' sizes, for which go list runs cgo (or finds its
// output in the build cache) and hashes every file of every package.
const listMode = packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedForTest

// fromCache lists the packages that match patterns, in listMode, and
// computes their keys. Unless one has errors, it returns their results,
// from the cache for each one that the analyzer does not skip and the
// cache holds, and the indices of the others, whose results are still
// to be computed; the keys and the entries it looked up are kept for
// the run. It returns an error only when the packages cannot be listed
// at all.
func (r *runner) fromCache(patterns []string) (results []Result, missed []int, err error) {
	start := time.Now()
	// Listing, keys and entries allocate little that outlives them:
	// collecting garbage less often, here and in go list, saves a
	// tenth of a warm run's CPU time (prometheus: 0.83 s against 0.94
	// s). Not for the analysis that may follow, whose heap is large.
	env := os.Environ()
	if os.Getenv("GOGC") == "" {
		env = append(env, "GOGC=400")
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	build := make(chan error, 1)
	go func() {
		var err error
		r.build, r.modCache, err = buildConfig(env)
		build <- err
	}()
	initial, err := packages.Load(&packages.Config{Mode: listMode, Tests: r.cfg.Tests, Env: env}, patterns...)
	if berr := <-build; berr != nil {
		r.logf("cache not used: %v", berr)
		r.cfg.Cache = nil
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	r.logf("listed %d packages in %v", len(initial), time.Since(start))
	start = time.Now()
	var all []*packages.Package
	broken := false
	packages.Visit(initial, nil, func(p *packages.Package) {
		all = append(all, p)
		broken = broken || len(p.Errors) > 0
	})
	r.keyOf = r.keys(all)
	r.logf("computed %d keys in %v", len(r.keyOf), time.Since(start))
	if broken {
		return nil, nil, nil
	}
	start = time.Now()
	results = make([]Result, len(initial))
	for i, p := range initial {
		results[i].Package = p
		if r.skips(p) {
			continue
		}
		// Look every one up, even after a miss: the run that
		// follows needs them all.
		if e := r.get(r.keyOf[p.ID]); e != nil {
			results[i].Diagnostics = r.diagnostics(e)
		} else {
			missed = append(missed, i)
		}
	}
	r.logf("looked up %d packages in %v; all found: %t", len(initial), time.Since(start), len(missed) == 0)
	return results, missed, nil
}

// runMissed lists for analysis the packages of results whose indices
// are in missed, by import path (a test variant by the package under
// test), and their dependencies, analyses them, and sets their
// results. It returns false, having analysed nothing, if none was found
// (a first run lists the patterns as given), a package cannot be named
// so (a list of files) or the listing lacks one.
func (r *runner) runMissed(results []Result, missed []int) (bool, error) {
	found := -len(missed)
	for _, res := range results {
		if !r.skips(res.Package) {
			found++
		}
	}
	if found == 0 {
		return false, nil
	}
	start := time.Now()
	var patterns []string
	for _, i := range missed {
		p := results[i].Package
		path := p.PkgPath
		switch {
		case p.ForTest != "":
			path = p.ForTest
		case p.Name == "main" && strings.HasSuffix(p.ID, ".test"):
			path = strings.TrimSuffix(p.ID, ".test") // the test's main package
		}
		if path == "command-line-arguments" || strings.HasSuffix(path, ".go") {
			r.logf("%s cannot be listed by import path: listing every package", p.ID)
			return false, nil
		}
		if !slices.Contains(patterns, path) {
			patterns = append(patterns, path)
		}
	}
	initial, err := packages.Load(r.loadConfig(), patterns...)
	if err != nil {
		return false, err
	}
	byID := make(map[string]*packages.Package)
	packages.Visit(initial, nil, func(p *packages.Package) { byID[p.ID] = p })
	for _, i := range missed {
		if byID[results[i].Package.ID] == nil {
			r.logf("listing %v lacks %s: listing every package", patterns, results[i].Package.ID)
			return false, nil
		}
	}
	r.logf("loaded %d packages for analysis (%s) in %v", len(initial), strings.Join(patterns, " "), time.Since(start))
	for _, i := range missed {
		p := byID[results[i].Package.ID]
		r.results[p] = &Result{Package: p}
	}
	start = time.Now()
	r.run(initial)
	r.logf("processed the packages in %v", time.Since(start))
	for _, i := range missed {
		results[i] = *r.results[byID[results[i].Package.ID]]
	}
	return true, nil
}

// buildVars are the variables of go env that a package's analysis
// depends on beyond its files, which go list selects for the target:
// the target's architecture, for the sizes of types, and what cgo's
// output depends on. The go command does not track C headers either.
var buildVars = []string{"GOVERSION", "GOOS", "GOARCH", "GOEXPERIMENT", "CGO_ENABLED", "CC", "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_LDFLAGS"}

// buildConfig returns the values of buildVars, and the module cache
// directory with a final separator ("" if there is none), in the
// environment env.
func buildConfig(env []string) (config, modCache string, err error) {
	cmd := exec.Command("go", append([]string{"env", "GOMODCACHE"}, buildVars...)...)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && len(exit.Stderr) > 0 {
			err = fmt.Errorf("go env: %s", bytes.TrimSpace(exit.Stderr))
		}
		return "", "", err
	}
	modCache, config, _ = strings.Cut(string(out), "\n")
	if modCache != "" {
		modCache = filepath.Clean(modCache) + string(filepath.Separator)
	}
	return config, modCache, nil
}

// get returns the entry with key k, nil if there is none or it cannot
// be decoded; it reads each at most once.
func (r *runner) get(k cache.Key) *entry {
	if e, ok := r.looked[k]; ok {
		return e
	}
	var e *entry
	if data, ok := r.cfg.Cache.Get(k); ok {
		e = new(entry)
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(e); err != nil {
			e = nil
		}
	}
	if r.looked == nil {
		r.looked = make(map[cache.Key]*entry)
	}
	r.looked[k] = e
	return e
}

// keys computes the cache key of every package of all, by ID; all
// lists each package after its dependencies. A key is a hash of the key
// version, Config.Salt, the build configuration, the package's
// identity, files and configuration (Config.Extra), and the keys of the
// packages it imports. A file is hashed by its content, except those of
// a module version or of the Go distribution, which no one edits: by
// name, size and modification time, and in the module cache, whose
// directories are named by module version and read-only, by name alone,
// as the go command's module index trusts them (cmd/go/internal/modindex).
func (r *runner) keys(all []*packages.Package) map[string]cache.Key {
	own := make([][]byte, len(all))
	var wg sync.WaitGroup
	work := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range work {
				own[i] = r.filesHash(all[i])
			}
		})
	}
	for i := range all {
		work <- i
	}
	close(work)
	wg.Wait()

	keys := make(map[string]cache.Key, len(all))
	for i, p := range all {
		h := sha256.New()
		h.Write([]byte(keyVersion))
		h.Write(r.cfg.Salt)
		fmt.Fprintf(h, "\nbuild %q\n", r.build)
		fmt.Fprintf(h, "package %q %q %q\n", p.ID, p.PkgPath, p.Name)
		if p.Module != nil {
			fmt.Fprintf(h, "go %q\n", p.Module.GoVersion)
		}
		h.Write(own[i])
		for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
			k := keys[p.Imports[path].ID]
			fmt.Fprintf(h, "import %q %x\n", path, k[:])
		}
		keys[p.ID] = cache.Key(h.Sum(nil))
	}
	return keys
}

// goroot is the Go distribution's source directory, with a final
// separator.
var goroot = filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)

// contentHash returns a line that identifies the content of the file
// name, computed once per run: a package and its test variant share
// files.
func (r *runner) contentHash(name string) []byte {
	r.mu.Lock()
	sum, ok := r.hashed[name]
	r.mu.Unlock()
	if ok {
		return sum
	}
	if data, err := os.ReadFile(name); err != nil {
		sum = fmt.Appendf(nil, "error %q\n", err)
	} else {
		sum = fmt.Appendf(nil, "%x\n", sha256.Sum256(data))
	}
	r.mu.Lock()
	r.hashed[name] = sum
	r.mu.Unlock()
	return sum
}

// filesHash returns a hash of p's files and configuration.
func (r *runner) filesHash(p *packages.Package) []byte {
	h := sha256.New()
	// Files that no one edits: those of a module version (in the
	// module cache, or vendored) and the Go distribution's.
	fixed := p.Module != nil && !p.Module.Main && p.Module.Version != "" && p.Module.Replace == nil ||
		len(p.GoFiles) > 0 && strings.HasPrefix(p.GoFiles[0], goroot)
	hashFile := func(kind, name string) {
		fmt.Fprintf(h, "%s %q ", kind, name)
		if !fixed {
			h.Write(r.contentHash(name))
			return
		}
		if r.modCache != "" && strings.HasPrefix(name, r.modCache) {
			fmt.Fprintf(h, "module cache\n")
			return
		}
		info, err := os.Stat(name)
		if err != nil {
			fmt.Fprintf(h, "error %q\n", err)
			return
		}
		fmt.Fprintf(h, "%d %d\n", info.Size(), info.ModTime().UnixNano())
	}
	// The Go files, cgo's sources among them, rather than the compiled
	// ones: cgo's output depends on those and on buildVars.
	for _, name := range p.GoFiles {
		hashFile("go", name)
	}
	for _, name := range p.OtherFiles {
		hashFile("other", name)
	}
	for _, name := range p.IgnoredFiles {
		fmt.Fprintf(h, "ignored %q\n", name)
	}
	if r.cfg.Extra != nil && len(p.GoFiles) > 0 {
		fmt.Fprintf(h, "extra %q\n", r.cfg.Extra(packageDir(p)))
	}
	return h.Sum(nil)
}

// lookUp finds the entries of the packages of all that the analyzer
// does not skip, and returns them, with the packages whose types are
// needed: those without an entry and every package they import,
// directly or not. A package that fromCache did not list (one that
// only cgo's output imports) has no key, and no entry.
func (r *runner) lookUp(all []*packages.Package) (map[*packages.Package]*entry, map[*packages.Package]bool) {
	cached := make(map[*packages.Package]*entry)
	needTypes := make(map[*packages.Package]bool)
	var need func(p *packages.Package)
	need = func(p *packages.Package) {
		if needTypes[p] {
			return
		}
		needTypes[p] = true
		for _, imp := range p.Imports {
			need(imp)
		}
	}
	for _, p := range all {
		if r.skips(p) || len(p.Errors) > 0 {
			continue
		}
		if k, ok := r.keyOf[p.ID]; ok {
			if e := r.get(k); e != nil {
				cached[p] = e
				continue
			}
		}
		need(p)
	}
	return cached, needTypes
}

// store puts the analysis of p, which exported facts, in the cache. It
// gives up quietly: a missing entry only costs time.
func (r *runner) store(p *packages.Package, diags []analysis.Diagnostic, facts []objectFact) {
	e := entry{}
	files := make(map[*token.File]int)
	pos := func(at token.Pos, in *token.File) entryPos {
		f := in
		if f == nil {
			f = r.fset.File(at)
		}
		if f == nil || !at.IsValid() {
			return entryPos{}
		}
		n, ok := files[f]
		if !ok {
			e.Files = append(e.Files, entryFile{Name: f.Name(), Size: f.Size(), Lines: f.Lines(), Alt: lineDirectives(f)})
			n = len(e.Files)
			files[f] = n
		}
		return entryPos{n, min(max(int(at)-f.Base(), 0), f.Size())}
	}
	span := func(start, end token.Pos) (entryPos, entryPos) {
		s := pos(start, nil)
		if !end.IsValid() {
			return s, entryPos{}
		}
		return s, pos(end, r.fset.File(start)) // an end just past the file stays in it
	}
	for _, d := range diags {
		ed := entryDiagnostic{Category: d.Category, Message: d.Message, URL: d.URL}
		ed.Pos, ed.End = span(d.Pos, d.End)
		for _, fix := range d.SuggestedFixes {
			ef := entryFix{Message: fix.Message}
			for _, edit := range fix.TextEdits {
				ee := entryEdit{New: edit.NewText}
				ee.Pos, ee.End = span(edit.Pos, edit.End)
				ef.Edits = append(ef.Edits, ee)
			}
			ed.Fixes = append(ed.Fixes, ef)
		}
		for _, rel := range d.Related {
			er := entryRelated{Message: rel.Message}
			er.Pos, er.End = span(rel.Pos, rel.End)
			ed.Related = append(ed.Related, er)
		}
		e.Diagnostics = append(e.Diagnostics, ed)
	}
	type objectType struct {
		obj types.Object
		typ int
	}
	last := make(map[objectType]analysis.Fact) // a fact exported twice: the last
	var order []objectType
	for _, f := range facts {
		i := slices.IndexFunc(r.cfg.Analyzer.FactTypes, func(t analysis.Fact) bool { return reflect.TypeOf(t) == reflect.TypeOf(f.fact) })
		k := objectType{f.obj, i}
		if _, ok := last[k]; !ok {
			order = append(order, k)
		}
		last[k] = f.fact
	}
	for _, k := range order {
		path, err := objectpath.For(k.obj)
		if err != nil {
			continue // as unitchecker drops it
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(last[k]); err != nil {
			return
		}
		e.Facts = append(e.Facts, entryFact{Path: path, Type: k.typ, Data: buf.Bytes()})
	}
	slices.SortFunc(e.Facts, func(a, b entryFact) int {
		return cmp.Or(strings.Compare(string(a.Path), string(b.Path)), cmp.Compare(a.Type, b.Type))
	})
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&e); err != nil {
		return
	}
	if k, ok := r.keyOf[p.ID]; ok {
		_ = r.cfg.Cache.Put(k, buf.Bytes()) // without the entry, the next run analyses p again
	}
}

// importFacts makes the facts of e, an entry of pkg, available to the
// packages analysed after it. It returns an error if one cannot be
// decoded or names an object pkg lacks: the entry does not belong to
// this package, and the package should be analysed instead.
func (r *runner) importFacts(pkg *types.Package, e *entry) error {
	for _, f := range e.Facts {
		obj, err := objectpath.Object(pkg, f.Path)
		if err != nil {
			return fmt.Errorf("fact of %s.%s: %w", pkg.Path(), f.Path, err)
		}
		if f.Type < 0 || f.Type >= len(r.cfg.Analyzer.FactTypes) {
			return fmt.Errorf("fact of %s.%s: unknown type", pkg.Path(), f.Path)
		}
		typ := reflect.TypeOf(r.cfg.Analyzer.FactTypes[f.Type])
		fact := reflect.New(typ.Elem()).Interface().(analysis.Fact)
		if err := gob.NewDecoder(bytes.NewReader(f.Data)).Decode(fact); err != nil {
			return fmt.Errorf("fact of %s.%s: %w", pkg.Path(), f.Path, err)
		}
		r.mu.Lock()
		r.facts[factKey{obj, typ}] = fact
		r.mu.Unlock()
	}
	return nil
}

// diagnostics returns the diagnostics of e, at positions of files that
// it adds to the file set, once each.
func (r *runner) diagnostics(e *entry) []analysis.Diagnostic {
	tfs := make([]*token.File, len(e.Files))
	r.mu.Lock()
	for i, f := range e.Files {
		tf := r.added[f.Name]
		if tf == nil || tf.Size() != f.Size {
			tf = r.fset.AddFile(f.Name, -1, f.Size)
			tf.SetLines(f.Lines)
			for _, l := range f.Alt {
				tf.AddLineColumnInfo(l.Offset, l.Filename, l.Line, l.Column)
			}
			r.added[f.Name] = tf
		}
		tfs[i] = tf
	}
	r.mu.Unlock()
	pos := func(p entryPos) token.Pos {
		if p.File < 1 || p.File > len(tfs) {
			return token.NoPos
		}
		return tfs[p.File-1].Pos(min(p.Offset, tfs[p.File-1].Size()))
	}
	var diags []analysis.Diagnostic
	for _, ed := range e.Diagnostics {
		d := analysis.Diagnostic{Pos: pos(ed.Pos), End: pos(ed.End), Category: ed.Category, Message: ed.Message, URL: ed.URL}
		for _, ef := range ed.Fixes {
			fix := analysis.SuggestedFix{Message: ef.Message}
			for _, ee := range ef.Edits {
				fix.TextEdits = append(fix.TextEdits, analysis.TextEdit{Pos: pos(ee.Pos), End: pos(ee.End), NewText: ee.New})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, fix)
		}
		for _, er := range ed.Related {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos(er.Pos), End: pos(er.End), Message: er.Message})
		}
		diags = append(diags, d)
	}
	return diags
}
