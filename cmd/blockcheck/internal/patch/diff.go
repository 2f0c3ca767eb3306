package patch

import (
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
)

// Unified returns the unified diff that turns old into new, labelled
// with the names oldName and newName; "" if they are equal. It has the
// form of diff -u, which patch and git apply read.
func Unified(oldName, newName string, old, new []byte) string {
	return udiff.Unified(oldName, newName, string(old), string(new))
}

// Lines returns a function that maps a line of c.Old to the line of
// c.New that holds it, or, for a line that c rewrote or deleted, to the
// first line of what replaced it. Lines count from 1.
func (c Change) Lines() func(line int) int {
	old := string(c.Old)
	// A hunk replaces the old lines [start, end) with added lines.
	type hunk struct{ start, end, added int }
	var hunks []hunk
	for _, e := range udiff.Lines(old, string(c.New)) {
		added := strings.Count(e.New, "\n")
		if e.New != "" && !strings.HasSuffix(e.New, "\n") {
			added++
		}
		hunks = append(hunks, hunk{
			start: 1 + strings.Count(old[:e.Start], "\n"),
			end:   1 + strings.Count(old[:e.End], "\n"),
			added: added,
		})
	}
	return func(line int) int {
		shift := 0
		for _, h := range hunks {
			if line < h.start {
				break
			}
			if line < h.end {
				return h.start + shift
			}
			shift += h.added - (h.end - h.start)
		}
		return line + shift
	}
}
