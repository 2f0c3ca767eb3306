package main

import (
	"cmp"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/patch"
)

// This file applies the suggested fixes of findings (-fix), or shows
// them as a diff (-diff), in both modes.

// resolveFixes returns fixes with their edits as files and byte
// offsets, checked as the go/analysis drivers check them: an edit
// without an end inserts, and one whose end lies just past the end of
// its file (as the ends that go/ast computes may) ends there. A fix that
// is still not valid, an analyzer's bug, is dropped. names are those of
// the packages that the diagnostic's package imports, directly or not.
func resolveFixes(fset *token.FileSet, names map[string]string, fixes []analysis.SuggestedFix) []patch.Fix {
	var out []patch.Fix
fixes:
	for _, sf := range fixes {
		fix := patch.Fix{Message: sf.Message, Names: names}
		for _, e := range sf.TextEdits {
			file := fset.File(e.Pos)
			if file == nil {
				continue fixes
			}
			end := e.End
			if !end.IsValid() {
				end = e.Pos
			}
			// As x/tools' validateFix does (golang/go#71659).
			if fileEnd := token.Pos(file.Base() + file.Size()); end > fileEnd && end < fileEnd+10 {
				end = fileEnd
			}
			if end < e.Pos || fset.File(end) != file {
				continue fixes
			}
			fix.Edits = append(fix.Edits, patch.Edit{
				File:  file.Name(),
				Size:  file.Size(),
				Start: file.Offset(e.Pos),
				End:   file.Offset(end),
				New:   string(e.NewText),
			})
		}
		out = append(out, fix)
	}
	return out
}

// applyFixes applies the first fix of each finding that has one, in
// the order the analyzer reported them, and returns the findings left: those without a
// fix, or whose fix was skipped, with a note on stderr saying why. With
// diff, it prints the changes to stdout as a unified diff instead of
// writing them. ok is false if a file could not be written, or changed
// during the analysis (then nothing is written).
func applyFixes(findings []finding, diff bool, stdout, stderr io.Writer) (left []finding, applied int, ok bool) {
	var fixed []int // the finding of each fix, in the order reported
	for i, f := range findings {
		if len(f.Fixes) > 0 {
			fixed = append(fixed, i)
		}
	}
	slices.SortFunc(fixed, func(i, j int) int { return cmp.Compare(findings[i].reported, findings[j].reported) })
	fixes := make([]patch.Fix, len(fixed))
	for i, f := range fixed {
		fixes[i] = findings[f].Fixes[0]
	}
	if len(fixes) == 0 {
		return findings, 0, true
	}
	changes, skipped, err := patch.Merge(fixes)
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return findings, 0, false
	}
	applied = len(fixes) - len(skipped)
	keep := make([]bool, len(findings))
	for i, f := range findings {
		keep[i] = len(f.Fixes) == 0
	}
	for _, s := range skipped {
		f := findings[fixed[s.Index]]
		keep[fixed[s.Index]] = true
		fmt.Fprintf(stderr, "blockcheck: %s: fix %q not applied: %s\n", f.Posn, fixes[s.Index].Message, s.Reason)
	}
	ok = true
	moved := make(map[string]func(int) int) // the lines of each file written
	dir := currentDir()
	for _, c := range changes {
		if diff {
			// As git diff names files, for patch -p1 and git apply;
			// a file outside the current directory by its path.
			old, new := c.File, c.File
			if rel, ok := relativeTo(dir, c.File); ok {
				old, new = "a/"+rel, "b/"+rel
			}
			fmt.Fprint(stdout, patch.Unified(old, new, c.Old, c.New))
			continue
		}
		// WriteFile keeps the file's mode.
		if err := os.WriteFile(c.File, c.New, 0o666); err != nil {
			fmt.Fprintf(stderr, "blockcheck: writing the fixes: %v\n", err)
			ok = false
			continue
		}
		moved[c.File] = c.Lines()
	}
	for i, f := range findings {
		if keep[i] {
			left = append(left, movedFinding(f, moved))
		}
	}
	return left, applied, ok
}

// maxFixRounds bounds the rounds of -fix. Each round applies the fixes
// of one analysis, and the next analyses the fixed code, where a fix may
// have made another possible: a helper that gained a context parameter
// lets its callers pass the request's, one package further up the chain
// each round.
const maxFixRounds = 8

// fixRounds applies the fixes of findings, then analyses the code again
// with analyse and applies the fixes of what it finds, until a round
// applies none or maxFixRounds have run. When a round applies none but
// a finding without a fix has a chain that ends in another package than
// its handler's (hints, in per-package mode), it analyses once more with
// -fix-at naming those calls, so that their own package fixes them
// (unless those positions were tried before). It returns the findings
// left, with the problems of the last analysis; ok is false if a file
// could not be written or analysed. With diff, it prints the fixes of
// the first round and stops: nothing is written for later rounds to
// read.
func fixRounds(findings []finding, problems []packageError, analyse func() ([]finding, []packageError, error), diff, hints bool, stdout, stderr io.Writer) (_ []finding, _ []packageError, ok bool) {
	tried := make(map[string]bool) // -fix-at positions
	for round := 1; ; round++ {
		left, applied, ok := applyFixes(findings, diff, stdout, stderr)
		if !ok || diff {
			return left, problems, ok
		}
		if applied > 0 {
			fmt.Fprintf(stderr, "blockcheck: -fix round %d: applied %d fixes\n", round, applied)
		}
		var at []string
		if applied == 0 && hints {
			for _, f := range left {
				if len(f.Fixes) > 0 || len(f.Related) == 0 {
					continue
				}
				// The sink's call; for a background context given by a
				// wrapper, the call of the wrapper, which moves to its
				// variant.
				hop := len(f.Related) - 1
				if f.Category == "background-context" && hop > 0 {
					hop--
				}
				p := f.Related[hop].Posn
				if pos := fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column); filepath.Dir(p.Filename) != filepath.Dir(f.Posn.Filename) && !tried[pos] {
					tried[pos] = true
					at = append(at, pos)
				}
			}
		}
		if applied == 0 && len(at) == 0 || round == maxFixRounds {
			return left, problems, true
		}
		if err := analyzer.SetFixAt(at); err != nil {
			fmt.Fprintf(stderr, "blockcheck: %v\n", err)
			return left, problems, false
		}
		next, nextProblems, err := analyse()
		_ = analyzer.SetFixAt(nil) // no positions to check
		if err != nil {
			fmt.Fprintf(stderr, "blockcheck: %v\n", err)
			return left, problems, false
		}
		findings, problems = next, nextProblems
	}
}

// movedFinding returns f with its positions in the files that were
// fixed moved to where they now are, and without its fixes if they edit
// one of those files: their offsets no longer hold.
func movedFinding(f finding, moved map[string]func(int) int) finding {
	move := func(p token.Position) token.Position {
		if lines := moved[p.Filename]; lines != nil && p.Line > 0 {
			p.Line = lines(p.Line)
			p.Offset = -1 // unknown
		}
		return p
	}
	f.Posn, f.End = move(f.Posn), move(f.End)
	f.Related = slices.Clone(f.Related)
	for i, r := range f.Related {
		f.Related[i].Posn, f.Related[i].End = move(r.Posn), move(r.End)
	}
	f.Fixes = slices.DeleteFunc(slices.Clone(f.Fixes), func(fix patch.Fix) bool {
		return slices.ContainsFunc(fix.Edits, func(e patch.Edit) bool { return moved[e.File] != nil })
	})
	return f
}

// importNames returns a function that gives the names of the packages
// that a package imports, directly or not, by import path, from the
// metadata go list gave: a package found in blockcheck's cache has no
// types. It computes each package's names once, when first asked.
func importNames() func(p *packages.Package) map[string]string {
	memo := make(map[*packages.Package]map[string]string)
	return func(p *packages.Package) map[string]string {
		if names, ok := memo[p]; ok {
			return names
		}
		names := make(map[string]string)
		var visit func(p *packages.Package)
		visit = func(p *packages.Package) {
			for path, imp := range p.Imports {
				if _, ok := names[path]; !ok {
					names[path] = imp.Name
					visit(imp)
				}
			}
		}
		visit(p)
		memo[p] = names
		return names
	}
}
