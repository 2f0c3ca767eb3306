package analyzer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
)

// A sinkList is the value of the -heavy flag: functions the user
// declares CPU-heavy, by full name.
type sinkList struct {
	names   []string
	entries map[string]*catalog.Entry
}

func (l *sinkList) String() string { return strings.Join(l.names, ",") }

func (l *sinkList) Set(value string) error {
	for name := range strings.SplitSeq(value, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if err := checkFullName(name); err != nil {
			return err
		}
		if l.entries == nil {
			l.entries = make(map[string]*catalog.Entry)
		}
		if _, dup := l.entries[name]; dup {
			continue
		}
		l.names = append(l.names, name)
		l.entries[name] = &catalog.Entry{
			Name:     name,
			Category: catalog.CPUHeavy,
			Family:   "declared with -heavy",
			Why:      "it is declared CPU-heavy with -heavy",
			Remedy:   "run it with offload",
		}
	}
	slices.Sort(l.names)
	return nil
}

// checkFullName checks the shape of a full function name as
// types.Func.FullName writes it: "path/to/pkg.Func",
// "(path/to/pkg.Type).Method" or "(*path/to/pkg.Type).Method".
func checkFullName(name string) error {
	bad := fmt.Errorf("-heavy: %q is not a full function name such as example.com/pdf.Render or (*example.com/pdf.Doc).Render", name)
	if strings.HasPrefix(name, "(") {
		recv, method, ok := strings.Cut(name, ").")
		recv = strings.TrimPrefix(strings.TrimPrefix(recv, "("), "*")
		if !ok || method == "" || !strings.Contains(recv, ".") || strings.ContainsAny(method, "(). ") {
			return bad
		}
		return nil
	}
	slash := max(strings.LastIndexByte(name, '/'), 0)
	dot := strings.LastIndexByte(name, '.')
	if dot <= slash || dot == len(name)-1 || strings.ContainsAny(name, "() ") {
		return bad
	}
	return nil
}
