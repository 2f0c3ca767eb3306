package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A baseline is the set of findings a project has accepted for now, so
// that a later run reports only new ones. Findings are matched by file,
// category and message, not by line, so that edits elsewhere in a file
// do not turn old findings into new ones; a message that occurs n times
// in a file in the baseline excuses n occurrences.
type baseline struct {
	// Version is the format's version, 1.
	Version int `json:"version"`
	// Findings are the accepted findings, sorted.
	Findings []baselineEntry `json:"findings"`
}

// A baselineEntry is one accepted finding, and how many times it occurs.
type baselineEntry struct {
	File     string `json:"file"` // relative to the directory blockcheck ran in
	Category string `json:"category"`
	Message  string `json:"message"`
	Count    int    `json:"count"`
}

type baselineKey struct{ file, category, message string }

func keyOf(f finding, dir string) baselineKey {
	file := f.Posn.Filename
	if rel, err := filepath.Rel(dir, file); err == nil {
		file = filepath.ToSlash(rel)
	}
	return baselineKey{file, f.Category, f.Message}
}

// applyBaseline returns the findings that the baseline in file does not
// accept. If the file does not exist, it writes the findings to it as a
// new baseline and reports wrote.
func applyBaseline(file string, findings []finding) (_ []finding, wrote bool, _ error) {
	dir := currentDir()
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return findings, true, writeBaseline(file, findings, dir)
	}
	if err != nil {
		return nil, false, err
	}
	var b baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, false, fmt.Errorf("reading baseline %s: %w", file, err)
	}
	if b.Version != 1 {
		return nil, false, fmt.Errorf("baseline %s: version %d, want 1", file, b.Version)
	}
	allowed := make(map[baselineKey]int)
	for _, e := range b.Findings {
		allowed[baselineKey{e.File, e.Category, e.Message}] += e.Count
	}
	var fresh []finding
	for _, f := range findings {
		k := keyOf(f, dir)
		if allowed[k] > 0 {
			allowed[k]--
			continue
		}
		fresh = append(fresh, f)
	}
	return fresh, false, nil
}

func writeBaseline(file string, findings []finding, dir string) error {
	counts := make(map[baselineKey]int)
	for _, f := range findings {
		counts[keyOf(f, dir)]++
	}
	b := baseline{Version: 1, Findings: []baselineEntry{}}
	for k, n := range counts {
		b.Findings = append(b.Findings, baselineEntry{File: k.file, Category: k.category, Message: k.message, Count: n})
	}
	slices.SortFunc(b.Findings, func(x, y baselineEntry) int {
		return cmp.Or(strings.Compare(x.File, y.File), strings.Compare(x.Category, y.Category), strings.Compare(x.Message, y.Message))
	})
	data, err := json.MarshalIndent(b, "", "\t")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(data, '\n'), 0o666)
}
