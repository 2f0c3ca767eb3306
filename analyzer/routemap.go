package analyzer

import (
	"go/token"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/roots"
	"github.com/blockcheck/blockcheck/analyzer/internal/routes"
	"github.com/blockcheck/blockcheck/analyzer/internal/summary"
)

// A Map is the request-path map of a package, or of a program: its
// routes and its request roots, each with what it reaches.
type Map struct {
	// Routes are the routes registered in the package, in source
	// order.
	Routes []Route
	// Handlers are the request roots declared in the package, in
	// source order, whether a route serves them or not.
	Handlers []Handler
}

// A Route is one registration of a handler.
type Route struct {
	// Package is the import path of the registering package.
	Package string
	// Method is the HTTP method, or several joined by commas; "" for
	// any method, and for services.
	Method string
	// Pattern is the path with its prefixes, or a service's full
	// method name; what is not constant shows as "?(expr)".
	Pattern string
	// Framework names the router or RPC framework.
	Framework string
	// Posn is the position of the registration call.
	Posn token.Position
	// Handler names the function that serves the route, as
	// "pkg.Func"; if it is not known (Posn is empty), the expression
	// that gives it.
	Handler     string
	HandlerPosn token.Position
	// Reach is what the handler reaches, as seen from the registering
	// package: its handler's own entry in Map.Handlers, where there is
	// one, knows more (what is suppressed or offloaded in its package).
	Reach []Reach
}

// A Handler is a request root.
type Handler struct {
	// Package is the import path of the root's package.
	Package string
	// Name is the root's name, "pkg.Func"; Posn its position.
	Name string
	Posn token.Position
	// Kind names the framework it was recognised by.
	Kind string
	// Reach is what it reaches.
	Reach []Reach
}

// A Reach is a sink that a handler reaches, by the shortest chain.
type Reach struct {
	// Category is the sink's category, Sink its name.
	Category, Sink string
	// Suppressed is the reason of the //blockcheck:ignore directive
	// that keeps the sink from being reported; "" if none does.
	Suppressed string
	// Offloaded says the chain runs through offload, so that the sink
	// is off the request's path.
	Offloaded bool
	// Trace is the chain from the handler to the sink, one hop per
	// call, each at the call's position.
	Trace []Hop
}

// MapAnalyzer returns an analyzer that reports what [Analyzer] reports,
// with the same flags and configuration, and whose result is the
// request-path map of each package, a *[Map]. It analyses every
// package of the main modules, also those that reach no sink, whose
// routes are clean; the maps of dependencies (modules with a version)
// are empty.
func MapAnalyzer() *analysis.Analyzer {
	a := newAnalyzer(nil, true)
	a.ResultType = reflect.TypeFor[*Map]()
	return a
}

// A mapper builds a Map from the results of an analysis.
type mapper struct {
	fset    *token.FileSet
	finder  *roots.Finder
	res     *summary.Result
	enabled map[catalog.Category]bool
}

// fill adds to m the routes that funcs register and the roots rs.
func (mp *mapper) fill(m *Map, funcs []*ssa.Function, rs []roots.Root) {
	// Test code registers routes too (a test's server), and passes
	// routers to the package's functions: neither counts.
	for _, r := range routes.Find(slices.DeleteFunc(slices.Clone(funcs), mp.finder.InTest)) {
		route := Route{
			Method:    r.Method,
			Pattern:   r.Pattern,
			Framework: r.Framework,
			Posn:      mp.fset.Position(r.Pos),
			Handler:   r.Unresolved,
		}
		if r.In.Pkg != nil {
			route.Package = r.In.Pkg.Pkg.Path()
		}
		if r.Handler != nil {
			route.Handler = summary.FuncName(r.Handler)
			route.HandlerPosn = mp.fset.Position(r.Handler.Pos())
			route.Reach = mp.reach(r.Handler)
		}
		m.Routes = append(m.Routes, route)
	}
	for _, root := range rs {
		if routes.Unimplemented(root.Fn) {
			continue // a generated stub: no handler of the program's
		}
		h := Handler{
			Name:  summary.FuncName(root.Fn),
			Posn:  mp.fset.Position(root.Fn.Pos()),
			Kind:  string(root.Kind),
			Reach: mp.reach(root.Fn),
		}
		if root.Fn.Pkg != nil {
			h.Package = root.Fn.Pkg.Pkg.Path()
		}
		m.Handlers = append(m.Handlers, h)
	}
}

// reach returns what fn reaches in the enabled categories: the sinks
// it reports, then those it reaches quietly (suppressed or offloaded)
// and not otherwise.
func (mp *mapper) reach(fn *ssa.Function) []Reach {
	var out []Reach
	seen := make(map[string]bool)
	for _, p := range mp.res.Reached(fn) {
		if mp.enabled[p.Category] {
			seen[p.Sink] = true
			out = append(out, Reach{Category: string(p.Category), Sink: p.SinkName(), Trace: trace(p)})
		}
	}
	for _, q := range mp.res.Quiet(fn) {
		if mp.enabled[q.Category] && !seen[q.Sink] {
			out = append(out, Reach{Category: string(q.Category), Sink: q.SinkName(), Suppressed: q.Suppressed, Offloaded: q.Offloaded, Trace: trace(q.Path)})
		}
	}
	slices.SortStableFunc(out, func(a, b Reach) int { return rank(a.Category) - rank(b.Category) })
	return out
}

// rank orders categories, most severe first.
func rank(category string) int {
	return catalog.Category(category).Rank()
}

// trace returns the hops of p.
func trace(p summary.Path) []Hop {
	hops := make([]Hop, len(p.Calls))
	for i, c := range p.Calls {
		hops[i] = Hop{Posn: c.Position(), Func: c.Callee, Dynamic: c.Dynamic}
	}
	return hops
}
