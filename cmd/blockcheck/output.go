package main

import (
	"encoding/json"
	"io"
)

// writeJSON prints findings in the JSON form of go/analysis drivers:
// package → analyzer → findings. Suggested fixes are left out; use
// the standard -json flag for them.
func writeJSON(w io.Writer, findings []finding) error {
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
	tree := make(map[string]map[string][]jsonFinding)
	for _, f := range findings {
		jf := jsonFinding{Category: f.Category, Posn: f.Posn.String(), End: f.End.String(), Message: f.Message}
		for _, r := range f.Related {
			jf.Related = append(jf.Related, jsonRelated{Posn: r.Posn.String(), Message: r.Message})
		}
		if tree[f.Package] == nil {
			tree[f.Package] = make(map[string][]jsonFinding)
		}
		tree[f.Package]["blockcheck"] = append(tree[f.Package]["blockcheck"], jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "\t")
	return enc.Encode(tree)
}
