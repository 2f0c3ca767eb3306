package fix

import (
	"go/token"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestConflict(t *testing.T) {
	edit := func(pos, end token.Pos, text string) analysis.TextEdit {
		return analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)}
	}
	fix := func(edits ...analysis.TextEdit) *analysis.SuggestedFix {
		return &analysis.SuggestedFix{Message: "m", TextEdits: edits}
	}
	for _, tc := range []struct {
		name string
		a, b *analysis.SuggestedFix
		want bool
	}{
		{"apart", fix(edit(10, 20, "x")), fix(edit(30, 40, "y")), false},
		{"overlapping", fix(edit(10, 20, "x")), fix(edit(15, 25, "y")), true},
		{"nested", fix(edit(10, 40, "wrapped")), fix(edit(20, 25, "QueryContext")), true},
		{"touching", fix(edit(10, 20, "x")), fix(edit(20, 30, "y")), true},
		{"insertion inside a replacement", fix(edit(10, 20, "x")), fix(edit(15, 15, "ctx, ")), true},
		{"insertion at a replacement's start", fix(edit(15, 15, "ctx, ")), fix(edit(15, 20, "x")), true},
		{"different insertions at one point", fix(edit(5, 5, `"a"`)), fix(edit(5, 5, `"b"`)), true},
		{"identical insertions", fix(edit(5, 5, `"a"`)), fix(edit(5, 5, `"a"`)), false},
		{"identical replacements", fix(edit(10, 20, "x")), fix(edit(10, 20, "x")), false},
		{"insertion without End", fix(analysis.TextEdit{Pos: 15, NewText: []byte("y")}), fix(edit(10, 20, "x")), true},
		{"one of several edits", fix(edit(1, 1, "i"), edit(50, 60, "x")), fix(edit(2, 2, "j"), edit(55, 56, "y")), true},
		{"no edits", fix(), fix(edit(10, 20, "x")), false},
	} {
		if got := Conflict(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: Conflict(a, b) = %v, want %v", tc.name, got, tc.want)
		}
		if got := Conflict(tc.b, tc.a); got != tc.want {
			t.Errorf("%s: Conflict(b, a) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
