package main

import (
	"fmt"
	"strings"
	"testing"
)

func file(lines ...string) string {
	return "blocking: 1\ntotal: 1\n" + strings.Join(lines, "\n") + "\n"
}

func TestDraw(t *testing.T) {
	var lines []string
	for i := range 20 {
		lines = append(lines, fmt.Sprintf("a.go:%d:1\tblocking\tf calls time.Sleep", i+1))
	}
	got, err := draw(strings.NewReader(file(lines...)), "mod.program.txt", "s", 8)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 8 || got[0].module != "mod" || got[0].mode != "program" {
		t.Fatalf("got %d findings, first %+v; want 8 of mod in program mode", len(got), got[0])
	}
	// The same findings, reworded: the same draw.
	var reworded []string
	for _, l := range lines {
		reworded = append(reworded, l+" via g")
	}
	again, err := draw(strings.NewReader(file(reworded...)), "mod.program.txt", "s", 8)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		if !strings.HasPrefix(again[i].line, got[i].line) {
			t.Errorf("draw %d: %q after rewording, %q before", i, again[i].line, got[i].line)
		}
	}
	// Fewer findings than n: all of them, in order.
	few, err := draw(strings.NewReader(file(lines[:3]...)), "mod.txt", "s", 8)
	if err != nil {
		t.Fatal(err)
	}
	if len(few) != 3 || few[0].mode != "package" || few[0].line != lines[0] {
		t.Errorf("got %+v, want the 3 findings in package mode", few)
	}
}
