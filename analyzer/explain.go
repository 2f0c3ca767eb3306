package analyzer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/roots"
)

// Categories returns the names of the diagnostic categories, most
// severe first.
func Categories() []string {
	names := make([]string, len(catalog.Categories))
	for i, c := range catalog.Categories {
		names[i] = string(c)
	}
	return names
}

// Explain returns a text that explains topic: a category, the full
// name of a catalog entry, "catalog" for the whole catalog, "roots" for
// what a request root is, or "" for a list of topics.
func Explain(topic string) (string, error) {
	var b strings.Builder
	switch {
	case topic == "":
		b.WriteString("blockcheck -explain TOPIC, where TOPIC is one of:\n\n")
		for _, c := range catalog.Categories {
			fmt.Fprintf(&b, "  %s\n", c)
		}
		b.WriteString("  roots (what blockcheck takes as a request handler)\n  catalog (every sink blockcheck knows)\n  the full name of a sink, such as golang.org/x/crypto/bcrypt.GenerateFromPassword\n")
	case topic == "roots":
		b.WriteString(roots.Explain())
	case topic == "catalog":
		for _, c := range catalog.Categories {
			fmt.Fprintf(&b, "%s:\n", c)
			for _, name := range sinkNames(c) {
				fmt.Fprintf(&b, "  %s\n", name)
			}
		}
	case slices.Contains(catalog.Categories, catalog.Category(topic)):
		c := catalog.Category(topic)
		fmt.Fprintf(&b, "%s\n\n%s\n\nSinks:\n", c, c.Doc())
		for _, name := range sinkNames(c) {
			fmt.Fprintf(&b, "  %s\n", name)
		}
	default:
		e, ok := catalog.Lookup(topic)
		if !ok {
			return "", fmt.Errorf("no category or catalog entry named %q; try blockcheck -explain catalog", topic)
		}
		fmt.Fprintf(&b, "%s\n\ncategory: %s\nfamily:   %s\nwhy:      %s\n", e.Name, e.Category, e.Family, e.Why)
		if e.WhyInSelect != "" {
			fmt.Fprintf(&b, "          %s\n", e.WhyInSelect)
		}
		fmt.Fprintf(&b, "remedy:   %s\n", e.Remedy)
		if e.ConfiguredRemedy != "" {
			fmt.Fprintf(&b, "          for a pattern from configuration: %s\n", e.ConfiguredRemedy)
		}
		if e.ContextForm != "" {
			fmt.Fprintf(&b, "context-aware form: %s\n", e.ContextForm)
		}
		if cond := e.When.Doc(); cond != "" {
			fmt.Fprintf(&b, "reported when: %s\n", cond)
		}
		if not := e.When.NotReported(); not != "" {
			fmt.Fprintf(&b, "\n%s\n", not)
		}
	}
	return b.String(), nil
}

// sinkNames returns the full names of the sinks of category c: for
// background-context, the context-aware forms that blockcheck checks
// for context.Background().
func sinkNames(c catalog.Category) []string {
	var names []string
	for _, e := range catalog.Entries() {
		switch {
		case c == catalog.BackgroundContext && e.ContextForm != "":
			names = append(names, e.ContextForm)
		case e.Category == c:
			names = append(names, e.Name)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// catalogMarkdown renders the catalog as the table in the README: one
// row per family and explanation, listing its functions.
func catalogMarkdown() string {
	type row struct {
		category            catalog.Category
		family, why, remedy string
		names               []string
	}
	var rows []*row
	index := make(map[[3]string]*row)
	for _, e := range catalog.Entries() {
		remedy := e.Remedy
		if e.ConfiguredRemedy != "" {
			remedy += "; for a pattern from configuration, " + e.ConfiguredRemedy
		}
		key := [3]string{e.Family, e.Why, remedy}
		r := index[key]
		if r == nil {
			r = &row{category: e.Category, family: e.Family, why: e.Why, remedy: remedy}
			index[key] = r
			rows = append(rows, r)
		}
		r.names = append(r.names, "`"+e.Name+"`")
	}
	var b strings.Builder
	b.WriteString("| category | family | functions | why | remedy |\n|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", r.category, r.family, strings.Join(r.names, ", "), r.why, r.remedy)
	}
	return b.String()
}
