package routes

import (
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// gorilla/mux builds a route in a chain of calls, each of which
// returns the route: r.HandleFunc("/users/{id}", h).Methods("GET"),
// r.Methods("POST").Path("/users").HandlerFunc(h), and a subrouter
// from one: r.PathPrefix("/api").Subrouter().

// gorillaRoutes returns the routes that call registers, and whether
// it is a gorilla/mux registration at all.
func (f *finder) gorillaRoutes(call ssa.CallInstruction) ([]Route, bool) {
	key, args := keyOf(call.Common())
	method, ok := strings.CutPrefix(key, gorilla+".")
	if !ok {
		return nil, false
	}
	var prefixes, methods []string
	var h handlerRef
	switch method {
	case "Router.HandleFunc", "Router.Handle":
		if len(args) != 3 {
			return nil, true
		}
		prefixes = joinAll(f.prefixes(f.bound(args[0])), f.text(args[1]))
		h = f.handler(args[2], 0)
	case "Route.HandlerFunc", "Route.Handler":
		if len(args) != 2 {
			return nil, true
		}
		prefixes, methods = f.routeChain(args[0], 0)
		h = f.handler(args[1], 0)
	default:
		return nil, true
	}
	if len(h.routers) > 0 {
		return nil, true // a router served under a prefix: its own routes count
	}
	if v, ok := call.(*ssa.Call); ok {
		methods = append(methods, forwardMethods(v, 0)...)
		// A helper that returns the route: its caller sets the methods.
		if site, ok := f.site.(*ssa.Call); ok && returns(v.Parent(), v) {
			methods = append(methods, forwardMethods(site, 0)...)
		}
	}
	slices.Sort(methods)
	methods = slices.Compact(methods)
	var routes []Route
	for _, p := range prefixes {
		routes = append(routes, Route{
			Method:     strings.Join(methods, ","),
			Pattern:    p,
			Framework:  "gorilla/mux",
			Handler:    h.fn,
			Unresolved: h.expr,
			Pos:        call.Pos(),
		})
	}
	return routes, true
}

// gorillaPrefixes returns the prefixes of the router that call
// returns if it is a gorilla/mux subrouter, or the router itself with an
// option set.
func (f *finder) gorillaPrefixes(call *ssa.Call) ([]string, bool) {
	key, args := keyOf(call.Common())
	if len(args) == 0 {
		return nil, false
	}
	switch key {
	case gorilla + ".Route.Subrouter":
		prefixes, _ := f.routeChain(args[0], 0)
		return prefixes, true
	case gorilla + ".Router.UseEncodedPath", gorilla + ".Router.StrictSlash", gorilla + ".Router.SkipClean":
		return f.prefixes(args[0]), true // the router itself
	}
	return nil, false
}

// routeChain returns the paths and the methods that the chain of calls
// giving the route v has set.
func (f *finder) routeChain(v ssa.Value, depth int) (paths, methods []string) {
	call, ok := v.(*ssa.Call)
	if !ok || depth > 16 {
		return []string{unknown(v)}, nil
	}
	key, args := keyOf(call.Common())
	method, ok := strings.CutPrefix(key, gorilla+".")
	if !ok || len(args) == 0 {
		return []string{unknown(v)}, nil
	}
	recv, m, _ := strings.Cut(method, ".")
	switch recv {
	case "Router":
		paths = f.prefixes(args[0])
	case "Route":
		paths, methods = f.routeChain(args[0], depth+1)
	default:
		return []string{unknown(v)}, nil
	}
	switch m {
	case "Path", "PathPrefix", "HandleFunc", "Handle":
		if len(args) > 1 {
			paths = joinAll(paths, f.text(args[1]))
		}
	case "Methods":
		if len(args) > 1 {
			methods = append(methods, f.methods(args[1])...)
		}
	}
	return paths, methods
}

// forwardMethods returns the methods that calls of Methods on the route
// v, or on a route a chain of calls returns from it, set.
func forwardMethods(v *ssa.Call, depth int) []string {
	if depth > 16 {
		return nil
	}
	var methods []string
	for _, ref := range *v.Referrers() {
		next, ok := ref.(*ssa.Call)
		if !ok {
			continue
		}
		key, args := keyOf(next.Common())
		if len(args) == 0 || args[0] != v || !returnsRoute(next) {
			continue
		}
		if key == gorilla+".Route.Methods" && len(args) > 1 {
			for _, m := range variadic(args[1]) {
				if s, ok := constString(m); ok {
					methods = append(methods, strings.ToUpper(s))
				}
			}
		}
		methods = append(methods, forwardMethods(next, depth+1)...)
	}
	return methods
}

// methods returns the methods in v, the variadic argument of Methods.
func (f *finder) methods(v ssa.Value) []string {
	var out []string
	for _, m := range variadic(v) {
		out = append(out, upper(f.text(m)))
	}
	return out
}

// returns reports whether fn returns v.
func returns(fn *ssa.Function, v ssa.Value) bool {
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && slices.Contains(ret.Results, v) {
			return true
		}
	}
	return false
}

// returnsRoute reports whether call returns a gorilla/mux route.
func returnsRoute(call *ssa.Call) bool {
	name, ok := typeKey(call.Type())
	_, isTuple := call.Type().(*types.Tuple)
	return ok && !isTuple && name == gorilla+".Route"
}
