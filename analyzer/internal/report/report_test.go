package report

import (
	"fmt"
	"slices"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/summary"
)

func path(c catalog.Category, sink string) summary.Path {
	return summary.Path{Sink: sink, Category: c, Calls: []summary.Call{{Callee: sink}}}
}

func sinks(paths []summary.Path) string {
	var names []string
	for _, p := range paths {
		names = append(names, string(p.Category)+":"+p.Sink)
	}
	return fmt.Sprint(names)
}

func TestByCategory(t *testing.T) {
	paths := []summary.Path{
		path(catalog.CPUHeavy, "a"),
		path(catalog.CPUHeavy, "b"),
		path(catalog.Blocking, "c"),
		path(catalog.BackgroundContext, "d"),
		path(catalog.Blocking, "e"), // out of order: grouped with c all the same
	}
	var got []string
	for _, g := range byCategory(paths) {
		got = append(got, sinks(g))
	}
	want := []string{"[cpu-heavy:a cpu-heavy:b]", "[blocking:c blocking:e]", "[background-context:d]"}
	if !slices.Equal(got, want) {
		t.Errorf("byCategory = %v, want %v", got, want)
	}
	if g := byCategory(nil); len(g) != 0 {
		t.Errorf("byCategory(nil) = %v, want none", g)
	}
}

func TestOtherSinks(t *testing.T) {
	for _, tc := range []struct {
		paths []summary.Path
		want  string
	}{
		{[]summary.Path{path(catalog.CPUHeavy, "a")}, "[]"},
		{[]summary.Path{path(catalog.CPUHeavy, "a"), path(catalog.CPUHeavy, "b")}, "[cpu-heavy:b]"},
		// Another path to the best path's sink, or a second path to
		// another sink (two callees of a dynamic call), is no other sink.
		{[]summary.Path{path(catalog.CPUHeavy, "a"), path(catalog.CPUHeavy, "a"), path(catalog.CPUHeavy, "b"), path(catalog.CPUHeavy, "b"), path(catalog.CPUHeavy, "c")}, "[cpu-heavy:b cpu-heavy:c]"},
	} {
		if got := sinks(otherSinks(tc.paths)); got != tc.want {
			t.Errorf("otherSinks(%s) = %s, want %s", sinks(tc.paths), got, tc.want)
		}
	}
}
