package summary

import (
	"maps"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// offloadPath is the import path of the offload package: the functions
// passed to it run off the request's path.
const offloadPath = "github.com/blockcheck/blockcheck/offload"

// A Quiet path leads to a sink that is reached but not reported:
// through a call or a function that an ignore directive suppresses, or
// inside a function run with offload. Quiet paths are summarised
// within the analysis (a package, or the whole program), not exported
// in facts.
type Quiet struct {
	Path
	// Suppressed is the reason of the ignore directive that
	// suppresses the path; "" if it is offloaded.
	Suppressed string
	// Offloaded says that the path runs a function with offload; its
	// first call is the call of offload.
	Offloaded bool
}

// An offloaded is a call of offload at a site, and the functions of
// the analysis that it runs.
type offloaded struct {
	site    *Site
	name    string // the offload function's name: "offload.Do"
	targets []funcArg
}

// isOffload reports whether fn is a function of the offload package.
func isOffload(fn *ssa.Function) bool {
	obj := object(fn)
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == offloadPath
}

// offload records the functions of the analysis that a call of offload
// at site s, in fn, runs.
func (r *Result) offload(s *Site, fn *ssa.Function, call *ssa.CallCommon, callee *ssa.Function) {
	o := offloaded{site: s, name: FuncName(callee), targets: r.localFuncArgs(call)}
	if len(o.targets) > 0 {
		n := r.node(fn)
		n.offloads = append(n.offloads, o)
	}
}

// quietEdges returns the nodes that n's quiet paths go through.
func (n *node) quietEdges() []*node {
	var edges []*node
	for _, sup := range n.ignoredSites {
		for _, t := range sup.site.targets {
			edges = append(edges, t.node)
		}
	}
	for _, o := range n.offloads {
		for _, t := range o.targets {
			edges = append(edges, t.node)
		}
	}
	return edges
}

// quietPaths computes n's quiet paths from those of its callees: the
// best one to each sink, at most maxPaths of them.
func (n *node) quietPaths() []Quiet {
	best := make(map[string]Quiet)
	add := func(q Quiet) {
		if old, ok := best[q.Sink]; !ok || compare(q.Path, old.Path) < 0 {
			best[q.Sink] = q
		}
	}
	// Quiet paths of callees stay quiet through this function.
	through := func(s *Site) {
		for _, t := range s.targets {
			for _, q := range t.node.quiet {
				if !t.trusts(q.Path) {
					q.Path = s.through(t, q.Path)
					add(q)
				}
			}
		}
	}
	for _, s := range n.sites {
		through(s)
	}
	suppress := func(reason string, sites []*Site) {
		for _, s := range sites {
			for _, p := range s.Paths() {
				add(Quiet{Path: p, Suppressed: reason})
			}
			through(s)
		}
	}
	if n.ignored != nil {
		suppress(n.ignored.Reason, n.sites)
	}
	for _, sup := range n.ignoredSites {
		suppress(sup.directive.Reason, []*Site{sup.site})
	}
	for _, o := range n.offloads {
		for _, t := range o.targets {
			run := func(p Path) Path {
				return p.prepend(o.site.call(t.name, true)).prepend(o.site.call(o.name, false))
			}
			for _, p := range t.node.paths {
				add(Quiet{Path: run(p), Offloaded: true})
			}
			for _, q := range t.node.quiet {
				q.Path = run(q.Path)
				add(q)
			}
		}
	}
	quiet := slices.SortedFunc(maps.Values(best), func(p, q Quiet) int { return compare(p.Path, q.Path) })
	if len(quiet) > maxPaths {
		quiet = quiet[:maxPaths]
	}
	return quiet
}

// equalQuiet reports whether two quiet paths are the same.
func equalQuiet(p, q Quiet) bool {
	return compare(p.Path, q.Path) == 0 && p.Suppressed == q.Suppressed && p.Offloaded == q.Offloaded
}

// Reached returns the best path from fn to each sink it reaches and
// reports, most severe and shortest first, without the bound that
// summaries keep to; none if a directive says to report nothing
// through fn. For a function of another package, it returns the paths
// of its fact.
func (r *Result) Reached(fn *ssa.Function) []Path {
	if n := r.nodes[fn]; n != nil && n.index != 0 {
		best := make(map[string]Path)
		for _, s := range r.Sites(fn) {
			for _, p := range s.Paths() {
				if q, ok := best[p.Sink]; !ok || compare(p, q) < 0 {
					best[p.Sink] = p
				}
			}
		}
		return slices.SortedFunc(maps.Values(best), compare)
	}
	if obj := object(fn); obj != nil && r.env.Fact != nil {
		if fact, ok := r.env.Fact(obj); ok {
			return fact.Paths
		}
	}
	return nil
}

// Quiet returns the best quiet path from fn to each sink it reaches
// without reporting it, most severe and shortest first: suppressed by
// an ignore directive, or run with offload. Only functions summarised
// here have quiet paths.
func (r *Result) Quiet(fn *ssa.Function) []Quiet {
	if n := r.nodes[fn]; n != nil {
		return n.quiet
	}
	return nil
}
