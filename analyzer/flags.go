package analyzer

import (
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
)

// A listFlag appends the comma-separated values it is given to a list,
// after checking each.
type listFlag struct {
	list  *[]string
	check func(string) error
}

func (f *listFlag) String() string {
	if f.list == nil {
		return ""
	}
	return strings.Join(*f.list, ",")
}

func (f *listFlag) Set(value string) error {
	for v := range strings.SplitSeq(value, ",") {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if err := f.check(v); err != nil {
			return err
		}
		if !slices.Contains(*f.list, v) {
			*f.list = append(*f.list, v)
		}
	}
	return nil
}

// An ignoreFlag appends name=reason values, checked by check, to a
// list of ignored sinks or roots; flag is its name, for errors.
type ignoreFlag[T IgnoredSink | IgnoredRoot] struct {
	list  *[]T
	flag  string
	check func(string) error
}

func (f *ignoreFlag[T]) String() string {
	if f.list == nil {
		return ""
	}
	var s []string
	for _, i := range *f.list {
		item := IgnoredSink(i)
		s = append(s, item.Name+"="+item.Reason)
	}
	return strings.Join(s, ",")
}

func (f *ignoreFlag[T]) Set(value string) error {
	name, reason, _ := strings.Cut(value, "=")
	if err := f.check(name); err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return fmt.Errorf("-%s %s needs a reason, as in -%s='%s=why'", f.flag, name, f.flag, name)
	}
	*f.list = append(*f.list, T(IgnoredSink{Name: name, Reason: strings.TrimSpace(reason)}))
	return nil
}

// checkFullName checks the shape of a full function name as
// types.Func.FullName writes it: "path/to/pkg.Func",
// "(path/to/pkg.Type).Method" or "(*path/to/pkg.Type).Method".
func checkFullName(name string) error {
	bad := fmt.Errorf("%q is not a full function name such as example.com/pdf.Render or (*example.com/pdf.Doc).Render", name)
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

// checkRootName checks the shape of a name in the roots option: a full
// function name, whose method may be "*" for every method of the type.
func checkRootName(name string) error {
	if err := checkFullName(name); err != nil || !strings.HasPrefix(name, "(") && strings.HasSuffix(name, ".*") {
		return fmt.Errorf("%q is not a full function name such as example.com/rpc.Serve, (*example.com/rpc.Dispatcher).Dispatch or (*example.com/rpc.Dispatcher).*", name)
	}
	return nil
}

// checkTypeName checks the shape of a full type name: "path/to/pkg.Type".
func checkTypeName(name string) error {
	if i := strings.LastIndexByte(name, '.'); i <= 0 || i == len(name)-1 || strings.ContainsAny(name, "()* ") {
		return fmt.Errorf("%q is not a full type name such as example.com/web.Context", name)
	}
	return nil
}

// checkCategory checks that name is a category.
func checkCategory(name string) error {
	if !slices.Contains(catalog.Categories, catalog.Category(name)) {
		return fmt.Errorf("unknown category %q (want %s)", name, strings.Join(Categories(), ", "))
	}
	return nil
}

// checkPosition checks the shape of a -fix-at position: file:line:col.
func checkPosition(pos string) error {
	if _, ok := parsePosition(pos); !ok {
		return fmt.Errorf("%q is not a position (file:line:col)", pos)
	}
	return nil
}

// parsePosition parses file:line:col, making the file name absolute.
func parsePosition(pos string) (token.Position, bool) {
	i := strings.LastIndexByte(pos, ':')
	j := strings.LastIndexByte(pos[:max(i, 0)], ':')
	if j <= 0 {
		return token.Position{}, false
	}
	file := pos[:j]
	line, err1 := strconv.Atoi(pos[j+1 : i])
	col, err2 := strconv.Atoi(pos[i+1:])
	if err1 != nil || err2 != nil || line < 1 || col < 1 {
		return token.Position{}, false
	}
	if abs, err := filepath.Abs(file); err == nil {
		file = abs
	}
	return token.Position{Filename: file, Line: line, Column: col}, true
}

// positions parses the -fix-at positions; checkPosition has checked them.
func positions(list []string) []token.Position {
	var out []token.Position
	for _, p := range list {
		if pos, ok := parsePosition(p); ok {
			out = append(out, pos)
		}
	}
	return out
}
