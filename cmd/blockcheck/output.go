package main

import (
	"encoding/json"
	"io"
)

// writeJSON prints findings in the JSON form of go/analysis drivers:
// package → analyzer → findings, or {"error": …} for a package that
// could not be analysed. Suggested fixes are left out; use
// the standard -json flag for them.
func writeJSON(w io.Writer, findings []finding, problems []packageError) error {
	type jsonRelated struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	}
	type jsonFinding struct {
		Category string        `json:"category"`
		Posn     string        `json:"posn"`
		End      string        `json:"end"`
		Message  string        `json:"message"`
		Related  []jsonRelated `json:"related,omitempty"`
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
		for _, r := range f.Related {
			jf.Related = append(jf.Related, jsonRelated{Posn: r.Posn.String(), Message: r.Message})
		}
		byPkg[f.Package] = append(byPkg[f.Package], jf)
	}
	for pkg, jfs := range byPkg {
		tree[pkg] = map[string]any{"blockcheck": jfs}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "\t")
	return enc.Encode(tree)
}
