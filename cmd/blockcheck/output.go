package main

import (
	"encoding/json"
	"io"
)

// writeJSON prints findings in the JSON form of the go/analysis drivers
// (their -json flag): package → analyzer → findings, each with its
// suggested fixes (edits as byte offsets) and its chain, or
// {"error": …} for a package that could not be analysed. A file of
// both a package and its test variant is reported once, under the
// package's import path.
func writeJSON(w io.Writer, findings []finding, problems []packageError) error {
	type jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	type jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	type jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	type jsonFinding struct {
		Category       string        `json:"category,omitempty"`
		Posn           string        `json:"posn"`
		End            string        `json:"end"`
		Message        string        `json:"message"`
		SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated `json:"related,omitempty"`
	}
	type jsonError struct {
		Error string `json:"error"`
	}
	tree := make(map[string]map[string]any)
	for _, p := range problems {
		// As go/analysis drivers report a package they could not
		// analyse: an error object in place of its findings.
		tree[p.Package] = map[string]any{"blockcheck": jsonError{p.Message}}
	}
	byPkg := make(map[string][]jsonFinding)
	for _, f := range findings {
		jf := jsonFinding{Category: f.Category, Posn: f.Posn.String(), End: f.End.String(), Message: f.Message}
		for _, fix := range f.Fixes {
			jfix := jsonFix{Message: fix.Message}
			for _, e := range fix.Edits {
				jfix.Edits = append(jfix.Edits, jsonEdit{Filename: e.File, Start: e.Start, End: e.End, New: e.New})
			}
			jf.SuggestedFixes = append(jf.SuggestedFixes, jfix)
		}
		for _, r := range f.Related {
			jf.Related = append(jf.Related, jsonRelated{Posn: r.Posn.String(), End: r.End.String(), Message: r.Message})
		}
		byPkg[f.Package] = append(byPkg[f.Package], jf)
	}
	for pkg, jfs := range byPkg {
		tree[pkg] = map[string]any{"blockcheck": jfs}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
