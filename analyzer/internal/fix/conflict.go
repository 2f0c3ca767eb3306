package fix

import (
	"bytes"

	"golang.org/x/tools/go/analysis"
)

// Conflict reports whether fixes a and b cannot safely be applied
// together: an edit of one overlaps or touches an edit of the other.
// Touching counts (a replacement ending where the other begins, two
// different insertions at one point), because drivers differ in the
// order they apply such edits, and one that applied them the other way
// round would produce different, perhaps broken, code. Identical edits,
// such as the same import added by both, do not conflict: drivers
// coalesce them, as they must for fixes at different call sites that
// add one import.
//
// Positions from one file set never overlap across files, so edits in
// different files never conflict.
func Conflict(a, b *analysis.SuggestedFix) bool {
	for _, e := range a.TextEdits {
		for _, g := range b.TextEdits {
			if overlap(e, g) {
				return true
			}
		}
	}
	return false
}

// overlap reports whether two edits overlap or touch and are not the
// same edit.
func overlap(e, g analysis.TextEdit) bool {
	end := func(t analysis.TextEdit) int {
		if t.End.IsValid() {
			return int(t.End)
		}
		return int(t.Pos) // an insertion
	}
	if e.Pos == g.Pos && end(e) == end(g) && bytes.Equal(e.NewText, g.NewText) {
		return false
	}
	return int(e.Pos) <= end(g) && int(g.Pos) <= end(e)
}
