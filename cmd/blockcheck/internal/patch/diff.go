package patch

import (
	"fmt"
	"strings"
)

// contextLines is the number of unchanged lines shown around each
// change in a unified diff, as diff -u shows.
const contextLines = 3

// An op is one line of an edit script: kept, deleted or inserted.
type op struct {
	kind byte // ' ', '-' or '+'
	line string
}

// Unified returns the unified diff that turns old into new, labelled
// with the names oldName and newName; "" if they are equal. It has the
// form of diff -u, which patch and git apply read.
func Unified(oldName, newName string, old, new []byte) string {
	script := lineDiff(splitLines(string(old)), splitLines(string(new)))
	var b strings.Builder
	for i := 0; i < len(script); {
		if script[i].kind == ' ' {
			i++
			continue
		}
		// A hunk: the changes from i on, while no more than twice
		// the context separates one from the next, with the context
		// around them.
		start := max(i-contextLines, 0)
		end := i
		for j := i; j < len(script); j++ {
			if script[j].kind != ' ' {
				end = j + 1
			} else if j-end >= 2*contextLines {
				break
			}
		}
		end = min(end+contextLines, len(script))
		if b.Len() == 0 {
			fmt.Fprintf(&b, "--- %s\n+++ %s\n", oldName, newName)
		}
		writeHunk(&b, script, start, end)
		i = end
	}
	return b.String()
}

// writeHunk writes the lines start to end of script as a hunk.
func writeHunk(b *strings.Builder, script []op, start, end int) {
	oldLine, newLine := 1, 1 // of script[start]
	for _, o := range script[:start] {
		if o.kind != '+' {
			oldLine++
		}
		if o.kind != '-' {
			newLine++
		}
	}
	var oldCount, newCount int
	for _, o := range script[start:end] {
		if o.kind != '+' {
			oldCount++
		}
		if o.kind != '-' {
			newCount++
		}
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(oldLine, oldCount), hunkRange(newLine, newCount))
	for _, o := range script[start:end] {
		b.WriteByte(o.kind)
		b.WriteString(o.line)
		if !strings.HasSuffix(o.line, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats the lines of one side of a hunk as diff -u does:
// the count is left out when it is 1, and an empty range starts at the
// line before it.
func hunkRange(line, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", line-1)
	case 1:
		return fmt.Sprint(line)
	}
	return fmt.Sprintf("%d,%d", line, count)
}

// splitLines splits s after each newline; the last line may lack one.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// lineDiff returns a shortest edit script that turns a into b, by
// Myers' algorithm on what remains between their common prefix and
// suffix, which for a fix is a few lines.
func lineDiff(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var script []op
	for _, l := range a[:pre] {
		script = append(script, op{' ', l})
	}
	script = append(script, myers(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		script = append(script, op{' ', l})
	}
	return script
}

// myers returns a shortest edit script that turns a into b, deletions
// before insertions where the order is free.
func myers(a, b []string) []op {
	n, m := len(a), len(b)
	offset := n + m
	v := make([]int, 2*(n+m)+2) // v[offset+k]: the furthest x on diagonal k
	var trace [][]int           // v before each round d
	for d := 0; d <= n+m; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[offset+k-1] < v[offset+k+1] {
				x = v[offset+k+1] // down: an insertion
			} else {
				x = v[offset+k-1] + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[offset+k] = x
			if x >= n && y >= m {
				return backtrack(a, b, trace, d, offset)
			}
		}
	}
	panic("unreachable: an edit script has at most len(a)+len(b) edits")
}

// backtrack walks the rounds of myers back from (len(a), len(b)) on
// round d, and returns the edit script in order.
func backtrack(a, b []string, trace [][]int, d, offset int) []op {
	x, y := len(a), len(b)
	var rev []op
	for ; d > 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || k != d && v[offset+k-1] < v[offset+k+1] {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[offset+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			rev = append(rev, op{' ', a[x]})
		}
		if x == prevX {
			y--
			rev = append(rev, op{'+', b[y]})
		} else {
			x--
			rev = append(rev, op{'-', a[x]})
		}
	}
	for x > 0 {
		x, y = x-1, y-1
		rev = append(rev, op{' ', a[x]})
	}
	script := make([]op, len(rev))
	for i, o := range rev {
		script[len(rev)-1-i] = o
	}
	return script
}

// Lines returns a function that maps a line of c.Old to the line of
// c.New that holds it, or, for a line that c rewrote or deleted, to the
// first line of what replaced it. Lines count from 1.
func (c Change) Lines() func(line int) int {
	script := lineDiff(splitLines(string(c.Old)), splitLines(string(c.New)))
	newLine := make([]int, 1, len(script)+2) // newLine[old line]
	n := 1
	for _, o := range script {
		switch o.kind {
		case ' ', '-':
			newLine = append(newLine, n)
			if o.kind == ' ' {
				n++
			}
		default:
			n++
		}
	}
	return func(line int) int {
		if line < 1 || line >= len(newLine) {
			return line + n - len(newLine) // past the end
		}
		return newLine[line]
	}
}
