package analyzer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
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
// name of a catalog entry, "catalog" for the whole catalog, or "" for
// a list of topics.
func Explain(topic string) (string, error) {
	var b strings.Builder
	switch {
	case topic == "":
		b.WriteString("blockcheck -explain TOPIC, where TOPIC is one of:\n\n")
		for _, c := range catalog.Categories {
			fmt.Fprintf(&b, "  %s\n", c)
		}
		b.WriteString("  catalog (every sink blockcheck knows)\n  the full name of a sink, such as golang.org/x/crypto/bcrypt.GenerateFromPassword\n")
	case topic == "catalog":
		for _, c := range catalog.Categories {
			fmt.Fprintf(&b, "%s:\n", c)
			for _, e := range catalog.Entries() {
				if e.Category == c {
					fmt.Fprintf(&b, "  %s\n", e.Name)
				}
			}
		}
	case slices.Contains(catalog.Categories, catalog.Category(topic)):
		c := catalog.Category(topic)
		fmt.Fprintf(&b, "%s\n\n%s\n\nSinks:\n", c, c.Doc())
		for _, e := range catalog.Entries() {
			if e.Category == c {
				fmt.Fprintf(&b, "  %s\n", e.Name)
			}
		}
	default:
		e, ok := catalog.Lookup(topic)
		if !ok {
			return "", fmt.Errorf("no category or catalog entry named %q; try blockcheck -explain catalog", topic)
		}
		fmt.Fprintf(&b, "%s\n\ncategory: %s\nfamily:   %s\nwhy:      %s\nremedy:   %s\n", e.Name, e.Category, e.Family, e.Why, e.Remedy)
		if e.ContextForm != "" {
			fmt.Fprintf(&b, "context-aware form: %s\n", e.ContextForm)
		}
		if cond := e.When.Doc(); cond != "" {
			fmt.Fprintf(&b, "reported when: %s\n", cond)
		}
	}
	return b.String(), nil
}
