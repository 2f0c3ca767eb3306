package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
)

// This file draws the request-path map (-routes): every route, its
// handler and framework, and per category the sinks the handler
// reaches with the shortest chain to each, including those that are
// suppressed, offloaded or accepted by the baseline; then the handlers
// that no route found serves. The analyzer gives each package's map
// (analyzer.MapAnalyzer, analyzer.Program.AnalyzeMap); this file joins
// them and renders them as text, JSON or HTML (routes_html.go).

// A routeMap is the map as it is rendered.
type routeMap struct {
	Summary  mapSummary `json:"summary"`
	Routes   []mapRoute `json:"routes"`
	Unrouted []mapRoot  `json:"unrouted"`
}

// A mapSummary counts the routes by what they reach.
type mapSummary struct {
	Routes int `json:"routes"`
	// Reaching counts the routes that reach CPU-heavy or blocking work
	// that is reported; Heavy and Blocking count each kind (a route may
	// reach both; blocking includes background-context).
	Reaching int `json:"reaching"`
	Heavy    int `json:"cpuHeavy"`
	Blocking int `json:"blocking"`
	// Offloaded counts the routes that run work through offload;
	// Suppressed those that reach a sink that a directive suppresses.
	Offloaded  int `json:"offloaded"`
	Suppressed int `json:"suppressed"`
	// Clean counts the routes whose handler is known and reaches
	// nothing; Unknown those whose handler is not known.
	Clean   int `json:"clean"`
	Unknown int `json:"unknown"`
	// Unrouted counts the handlers without a known route.
	Unrouted int `json:"unrouted"`
	// PerCategory counts the routes that reach each category, reported
	// or not, in the order of the categories.
	PerCategory []categoryCount `json:"perCategory"`
}

// A categoryCount is the number of routes that reach a category.
type categoryCount struct {
	Category string `json:"category"`
	Routes   int    `json:"routes"`
}

// A mapRoute is one row of the map.
type mapRoute struct {
	Method     string     `json:"method,omitempty"`
	Pattern    string     `json:"pattern"`
	Framework  string     `json:"framework"`
	Registered string     `json:"registered"` // file:line of the registration
	Handler    string     `json:"handler"`
	HandlerAt  string     `json:"handlerAt,omitempty"` // file:line; "" if the handler is not known
	Reach      []mapReach `json:"reach"`
}

// A mapRoot is a handler without a known route.
type mapRoot struct {
	Handler   string     `json:"handler"`
	HandlerAt string     `json:"handlerAt"`
	Framework string     `json:"framework"`
	Reach     []mapReach `json:"reach"`
}

// A mapReach is a sink that a handler reaches.
type mapReach struct {
	Category string `json:"category"`
	Sink     string `json:"sink"`
	// Status is "reported", "suppressed", "offloaded" or "baselined".
	Status string `json:"status"`
	// Reason is the ignore directive's reason, for a suppressed sink.
	Reason string   `json:"reason,omitempty"`
	Chain  []mapHop `json:"chain"`
}

// A mapHop is one call of a chain.
type mapHop struct {
	At      string `json:"at"` // file:line:column
	Caller  string `json:"caller"`
	Callee  string `json:"callee"`
	Dynamic bool   `json:"dynamic,omitempty"`
}

// The statuses of a sink on the map.
const (
	statusReported   = "reported"
	statusSuppressed = "suppressed"
	statusOffloaded  = "offloaded"
	statusBaselined  = "baselined"
)

// runRoutes analyses the packages that match patterns and prints their
// request-path map in opts.format, returning the exit code: 0, or 1
// for errors (the map of the healthy packages is still printed).
func runRoutes(patterns []string, opts options, stdout, stderr io.Writer) int {
	var findings []finding
	var problems []packageError
	var maps []*analyzer.Map
	var err error
	if opts.mode == "package" {
		// Without the cache: a map is built from each package's
		// analysis, which a cached result does not keep.
		findings, problems, err = analyseWith(analyzer.MapAnalyzer(), patterns, opts.tests, false, stderr, func(v any) {
			if m, ok := v.(*analyzer.Map); ok && m != nil {
				maps = append(maps, m)
			}
		})
	} else {
		var m *analyzer.Map
		findings, _, problems, m, err = analyseProgramWith(patterns, true)
		if m != nil {
			maps = append(maps, m)
		}
	}
	var accepted map[findingKey]bool
	if err == nil && opts.baseline != "" {
		accepted, err = baselined(opts.baseline, findings)
	}
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	for _, p := range problems {
		fmt.Fprintf(stderr, "blockcheck: %s\n", p.Message)
	}
	rm := buildMap(maps, accepted, currentDir())
	switch opts.format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "\t")
		err = enc.Encode(rm)
	case "html":
		err = writeMapHTML(stdout, rm)
	default:
		err = writeMapText(stdout, rm)
	}
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	if len(problems) > 0 {
		return 1
	}
	return 0
}

// A findingKey identifies a finding by where it is and its category.
type findingKey struct {
	posn     string
	category string
}

// baselined returns the findings that the baseline in file accepts. A
// baseline that does not exist accepts nothing, and is not written:
// the map is not a run that adopts one.
func baselined(file string, findings []finding) (map[findingKey]bool, error) {
	if _, err := os.Stat(file); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	fresh, _, err := applyBaseline(file, findings)
	if err != nil {
		return nil, err
	}
	isFresh := make(map[findingKey]bool, len(fresh))
	for _, f := range fresh {
		isFresh[findingKey{f.Posn.String(), f.Category}] = true
	}
	accepted := make(map[findingKey]bool)
	for _, f := range findings {
		if k := (findingKey{f.Posn.String(), f.Category}); !isFresh[k] {
			accepted[k] = true
		}
	}
	return accepted, nil
}

// buildMap joins the maps of packages into one: a route takes the
// reach of its handler's own entry, which its package computed with
// what is suppressed and offloaded there; the handlers that no route
// serves are listed as unrouted. A reported sink whose finding (at the
// chain's first call, in its category) the baseline accepts is marked
// as baselined. Paths are made relative to dir.
func buildMap(maps []*analyzer.Map, accepted map[findingKey]bool, dir string) routeMap {
	type rootKey struct{ posn, name string }
	roots := make(map[rootKey]analyzer.Handler)
	var rootOrder []rootKey
	var routes []analyzer.Route
	seenRoute := make(map[string]bool)
	for _, m := range maps {
		for _, h := range m.Handlers {
			k := rootKey{h.Posn.String(), h.Name}
			if _, ok := roots[k]; !ok { // a package and its test variant
				roots[k] = h
				rootOrder = append(rootOrder, k)
			}
		}
		for _, r := range m.Routes {
			k := fmt.Sprint(r.Posn, r.Method, r.Pattern, r.Handler, r.HandlerPosn)
			if !seenRoute[k] {
				seenRoute[k] = true
				routes = append(routes, r)
			}
		}
	}
	rel := func(p token.Position) string {
		if !p.IsValid() {
			return ""
		}
		if r, err := filepath.Rel(dir, p.Filename); err == nil && !strings.HasPrefix(r, "..") {
			p.Filename = filepath.ToSlash(r)
		}
		return p.String()
	}
	line := func(p token.Position) string {
		p.Column = 0
		return rel(p)
	}
	reach := func(handler string, rs []analyzer.Reach) []mapReach {
		out := []mapReach{}
		for _, r := range rs {
			mr := mapReach{Category: r.Category, Sink: r.Sink, Status: statusReported, Chain: []mapHop{}}
			switch {
			case r.Suppressed != "":
				mr.Status, mr.Reason = statusSuppressed, r.Suppressed
			case r.Offloaded:
				mr.Status = statusOffloaded
			case len(r.Trace) > 0 && accepted[findingKey{r.Trace[0].Posn.String(), r.Category}]:
				mr.Status = statusBaselined
			}
			caller := handler
			for _, h := range r.Trace {
				mr.Chain = append(mr.Chain, mapHop{At: rel(h.Posn), Caller: caller, Callee: h.Func, Dynamic: h.Dynamic})
				caller = h.Func
			}
			out = append(out, mr)
		}
		return out
	}

	var rm routeMap
	routed := make(map[rootKey]bool)
	slices.SortStableFunc(routes, func(a, b analyzer.Route) int {
		return cmp.Or(comparePosn(a.Posn, b.Posn), strings.Compare(a.Method, b.Method), strings.Compare(a.Pattern, b.Pattern))
	})
	for _, r := range routes {
		row := mapRoute{
			Method:     r.Method,
			Pattern:    r.Pattern,
			Framework:  r.Framework,
			Registered: line(r.Posn),
			Handler:    r.Handler,
			HandlerAt:  line(r.HandlerPosn),
		}
		rs := r.Reach
		if k := (rootKey{r.HandlerPosn.String(), r.Handler}); r.HandlerPosn.IsValid() {
			if h, ok := roots[k]; ok {
				rs = h.Reach
				routed[k] = true
			}
		}
		row.Reach = reach(r.Handler, rs)
		rm.Routes = append(rm.Routes, row)
	}
	rm.Unrouted = []mapRoot{}
	slices.SortStableFunc(rootOrder, func(a, b rootKey) int { return comparePosn(roots[a].Posn, roots[b].Posn) })
	for _, k := range rootOrder {
		if routed[k] {
			continue
		}
		h := roots[k]
		rm.Unrouted = append(rm.Unrouted, mapRoot{Handler: h.Name, HandlerAt: line(h.Posn), Framework: h.Kind, Reach: reach(h.Name, h.Reach)})
	}
	if rm.Routes == nil {
		rm.Routes = []mapRoute{}
	}
	rm.Summary = summarise(rm)
	return rm
}

// comparePosn orders positions by file, line and column.
func comparePosn(a, b token.Position) int {
	return cmp.Or(strings.Compare(a.Filename, b.Filename), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}

// summarise counts the routes of rm.
func summarise(rm routeMap) mapSummary {
	s := mapSummary{Routes: len(rm.Routes), Unrouted: len(rm.Unrouted)}
	per := make(map[string]int)
	for _, r := range rm.Routes {
		var heavy, blocking, offloaded, suppressed bool
		cats := make(map[string]bool)
		for _, x := range r.Reach {
			cats[x.Category] = true
			switch x.Status {
			case statusReported:
				heavy = heavy || x.Category == "cpu-heavy"
				blocking = blocking || x.Category != "cpu-heavy"
			case statusOffloaded:
				offloaded = true
			case statusSuppressed:
				suppressed = true
			}
		}
		for c := range cats {
			per[c]++
		}
		s.Heavy += b2i(heavy)
		s.Blocking += b2i(blocking)
		s.Reaching += b2i(heavy || blocking)
		s.Offloaded += b2i(offloaded)
		s.Suppressed += b2i(suppressed)
		s.Clean += b2i(len(r.Reach) == 0 && r.HandlerAt != "")
		s.Unknown += b2i(r.HandlerAt == "")
	}
	for _, c := range analyzer.Categories() {
		s.PerCategory = append(s.PerCategory, categoryCount{Category: c, Routes: per[c]})
	}
	return s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// line says what the map holds, in one line.
func (s mapSummary) line() string {
	return fmt.Sprintf("%s: %d reach CPU-heavy or blocking work (%d CPU-heavy, %d blocking), %d offloaded, %d suppressed, %d clean, %d with a handler not known; %s without a known route",
		plural(s.Routes, "route"), s.Reaching, s.Heavy, s.Blocking, s.Offloaded, s.Suppressed, s.Clean, s.Unknown, plural(s.Unrouted, "handler"))
}

// plural returns "1 route", "2 routes".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// methodOf returns the method column of a route: "ANY" for an HTTP
// route that takes every method, "RPC" for a service's.
func methodOf(method, framework string) string {
	switch {
	case method != "":
		return method
	case framework == "grpc" || framework == "connect":
		return "RPC"
	}
	return "ANY"
}

// writeMapText prints the map: the summary, then a block per route and
// per handler without a route, each sink on a line with its chain
// below.
func writeMapText(w io.Writer, rm routeMap) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Request-path map: %s\n", rm.Summary.line())
	reach := func(at string, rs []mapReach) {
		switch {
		case at == "":
			b.WriteString("\thandler not known: what it reaches is not shown\n")
			return
		case len(rs) == 0:
			b.WriteString("\tclean\n")
			return
		}
		for _, r := range rs {
			fmt.Fprintf(&b, "\t%s: %s", r.Category, r.Sink)
			if via := via(r.Chain); via != "" {
				fmt.Fprintf(&b, " via %s", via)
			}
			switch r.Status {
			case statusSuppressed:
				fmt.Fprintf(&b, " (suppressed: %s)", r.Reason)
			case statusOffloaded, statusBaselined:
				fmt.Fprintf(&b, " (%s)", r.Status)
			}
			b.WriteString("\n")
			for _, h := range r.Chain {
				how := "calls"
				if h.Dynamic {
					how = "calls dynamically"
				}
				fmt.Fprintf(&b, "\t\t%s: %s %s %s\n", h.At, h.Caller, how, h.Callee)
			}
		}
	}
	for _, r := range rm.Routes {
		at := r.HandlerAt
		if at == "" {
			at = "registered at " + r.Registered
		}
		fmt.Fprintf(&b, "\n%s %s [%s] %s (%s)\n", methodOf(r.Method, r.Framework), r.Pattern, r.Framework, r.Handler, at)
		reach(r.HandlerAt, r.Reach)
	}
	if len(rm.Unrouted) > 0 {
		b.WriteString("\nHandlers without a known route:\n")
		for _, h := range rm.Unrouted {
			fmt.Fprintf(&b, "\n%s [%s] (%s)\n", h.Handler, h.Framework, h.HandlerAt)
			reach(h.HandlerAt, h.Reach)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// via returns the functions between a chain's handler and its sink.
func via(chain []mapHop) string {
	if len(chain) < 2 {
		return ""
	}
	var names []string
	for _, h := range chain[:len(chain)-1] {
		names = append(names, h.Callee)
	}
	return strings.Join(names, " → ")
}
