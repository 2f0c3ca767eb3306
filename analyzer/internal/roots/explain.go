package roots

import (
	"fmt"
	"slices"
	"strings"
)

// Explain returns a text for people that says what blockcheck takes as
// a request root, listing the types, frameworks and registration calls
// that it knows, from the tables it uses.
func Explain() string {
	var b strings.Builder
	b.WriteString(`roots

A request root is a function that runs once per request, on the
request's goroutine. blockcheck starts from every root and reports the
heavy and blocking calls it reaches. Roots are recognised by type:

  - A function whose parameters, taken together, give it both an
    *http.Request and an http.ResponseWriter: directly, through struct
    fields (exported or not, embedded or not) or through methods that
    take nothing, up to 3 steps away. This covers net/http, gin, echo,
    iris, go-restful, beego and applications' own request types. A type
    that holds only a request is not enough. A function that only this
    rule finds, and that its package calls only from non-roots (a job
    that main starts), is not a root. Nor is a function found by its
    parameters that no other package can call and that is only ever
    started with go: its callers' goroutine rules decide.
  - A parameter of one of these types:
`)
	for _, line := range sortedLines(handlerParams, func(n typeName, k Kind) string {
		return fmt.Sprintf("      %s.%s (%s)", n.path, n.name, k)
	}) {
		b.WriteString(line + "\n")
	}
	b.WriteString(`  - The methods of generated services: of a type that embeds a
    generated UnimplementedXxxServer or UnimplementedXxxHandler, or that
    implements a gRPC XxxServer whose package declares RegisterXxxServer,
    or an interface declared in a generated file of a package that
    declares a Register... or New... function taking it and imports one of:
`)
	for _, line := range sortedLines(rpcFrameworks, func(path string, k Kind) string {
		return fmt.Sprintf("      %s (%s)", path, k)
	}) {
		b.WriteString(line + "\n")
	}
	b.WriteString(`  - Functions passed to these registration calls (lambda's only with
    lambda: true or -lambda, since an execution environment runs one
    invocation at a time):
`)
	for _, line := range sortedLines(registrations, func(name string, r registration) string {
		return fmt.Sprintf("      %s, argument %d (%s)", name, r.arg+1, r.kind)
	}) {
		b.WriteString(line + "\n")
	}
	b.WriteString(`  - The functions and methods named in the roots option of
    .blockcheck.yml (or -roots), such as (*example.com/rpc.Dispatcher).*
    for every exported method of a type, and functions with a parameter
    of a type named in root-params.

Functions in _test.go files are never roots, nor are those in other
files that import "testing" (test support). A root called from another
root reports what it reaches itself, once.
`)
	return b.String()
}

// sortedLines formats each entry of m with line and sorts the lines.
func sortedLines[K comparable, V any](m map[K]V, line func(K, V) string) []string {
	var lines []string
	for k, v := range m {
		lines = append(lines, line(k, v))
	}
	slices.Sort(lines)
	return lines
}
