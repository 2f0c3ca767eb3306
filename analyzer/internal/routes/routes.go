// Package routes finds the routes that a program registers: for each
// registration call, the HTTP method, the pattern with the prefixes of
// the groups, subrouters and mounts it is made under, the framework,
// and the function that handles it. The request-path map joins them
// with what each handler reaches.
//
// Routers are followed through SSA values: a route registered on a
// group is under the group's prefix, a group made from another group
// under both, a router passed to a function under the prefixes of what
// its callers pass, a router stored in a field under the prefixes of
// what is stored there, and a router mounted elsewhere (chi's Mount,
// fiber's Mount, net/http's Handle of a router, through StripPrefix)
// under its mount's prefix. Only what is in view is followed: in
// per-package mode, the calls of one package. A prefix or pattern that
// is not a constant is shown as "?(expr)", naming the expression; a
// router passed to a function whose callers are not in view has the
// prefix "?(param)", unless its type is always a program's top router
// (gin's Engine, echo's Echo).
//
// Frameworks: net/http (Go 1.22 patterns with their method), chi
// (Route, Group, With, Mount), gorilla/mux (Methods, PathPrefix,
// Subrouter), gin and echo groups, fiber (Group, Route, Mount),
// fasthttp's router, huma's Get, Post, …; and generated services, whose
// routes are full method names: gRPC's RegisterXxxServer, connect's
// NewXxxHandler and Twirp's NewXxxServer.
//
// Package roots does not import this package: it finds request roots
// by type, and this package says under which route a root is served.
package routes

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/blockcheck/blockcheck/analyzer/internal/roots"
)

// A Route is one registration of a handler.
type Route struct {
	// Method is the HTTP method, or several joined by commas; "" for
	// any method, and for services.
	Method string
	// Pattern is the path pattern with its prefixes, or a service's
	// full method name ("/pkg.Service/Method").
	Pattern string
	// Framework names the router or RPC framework: "net/http", "chi",
	// "gorilla/mux", "gin", "echo", "fiber", "fasthttp", "huma",
	// "grpc", "connect", "twirp".
	Framework string
	// Handler is the function that serves the route; nil if it is not
	// known, when Unresolved names the expression that gives it.
	Handler    *ssa.Function
	Unresolved string
	// Pos is the position of the registration call, and In the
	// function that makes it.
	Pos token.Pos
	In  *ssa.Function
}

// maxPrefixes bounds the prefixes a router may have, so that a router
// passed around a large program stays cheap.
const maxPrefixes = 16

// Find returns the routes that the calls in funcs register, in the
// order of funcs and of their instructions. A registration under
// several prefixes (a helper called with two groups) gives a route for
// each.
func Find(funcs []*ssa.Function) []Route {
	f := newFinder(funcs)
	var routes []Route
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				routes = append(routes, f.routesAt(call)...)
			}
		}
	}
	return routes
}

// A finder holds the indexes that prefixes are resolved with.
type finder struct {
	// callers lists the static calls of each function.
	callers map[*ssa.Function][]ssa.CallInstruction
	// scopes lists the calls that run each function with a router
	// (chi's Route and Group).
	scopes map[*ssa.Function][]ssa.CallInstruction
	// stores lists the values stored in each field and global.
	stores map[any][]ssa.Value
	// mounts lists, for each router that a constructor call made, the
	// prefixes it is mounted under, resolved lazily.
	mounts map[ssa.Value][]mount
	// memo holds the prefixes of each router value resolved, busy
	// those being resolved.
	memo map[ssa.Value][]string
	busy map[ssa.Value]bool

	// While the routes of a registration helper are resolved at one of
	// its calls (see routesAt), env binds the helper's parameters to the
	// arguments of that call, and site is the call.
	env  map[*ssa.Parameter]ssa.Value
	site ssa.CallInstruction
}

// A mount is a router served under a prefix: that of the receiver of
// call (nil for the default ServeMux), joined with path.
type mount struct {
	recv ssa.Value
	path string
}

func newFinder(funcs []*ssa.Function) *finder {
	f := &finder{
		callers: make(map[*ssa.Function][]ssa.CallInstruction),
		scopes:  make(map[*ssa.Function][]ssa.CallInstruction),
		stores:  make(map[any][]ssa.Value),
		mounts:  make(map[ssa.Value][]mount),
		memo:    make(map[ssa.Value][]string),
		busy:    make(map[ssa.Value]bool),
	}
	var mountCalls []ssa.CallInstruction
	// Package-level variables are set in init: their stores count.
	inits := make(map[*ssa.Package]bool)
	for _, fn := range funcs {
		if p := fn.Pkg; p != nil && !inits[p] {
			inits[p] = true
			if init := p.Func("init"); init != nil {
				f.addStores(init)
			}
		}
	}
	for _, fn := range funcs {
		f.addStores(fn)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if callee := call.Common().StaticCallee(); callee != nil {
					f.callers[callee] = append(f.callers[callee], call)
				}
				sp, args, ok := specOf(call.Common())
				if !ok {
					continue
				}
				switch sp.op {
				case opScope:
					if sp.fn < len(args) {
						if g := roots.FuncOf(args[sp.fn]); g != nil {
							f.scopes[g] = append(f.scopes[g], call)
						}
					}
				case opMount, opRoute:
					mountCalls = append(mountCalls, call)
				}
			}
		}
	}
	for _, call := range mountCalls {
		f.addMount(call)
	}
	return f
}

// addStores indexes the stores of fn to fields and globals.
func (f *finder) addStores(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				if key := storeKey(st.Addr); key != nil {
					f.stores[key] = append(f.stores[key], st.Val)
				}
			}
		}
	}
}

// storeKey returns the field or global that addr addresses, if any.
func storeKey(addr ssa.Value) any {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return fieldOf(a.X.Type(), a.Field)
	case *ssa.Global:
		return a
	}
	return nil
}

// fieldOf returns field i of the struct that t is or points to.
func fieldOf(t types.Type, i int) *types.Var {
	if ptr, ok := t.Underlying().(*types.Pointer); ok {
		t = ptr.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil
	}
	return st.Field(i)
}

// addMount records the routers that call, a mount or a registration of
// a handler that turns out to be a router, serves under a prefix.
func (f *finder) addMount(call ssa.CallInstruction) {
	sp, args, _ := specOf(call.Common())
	if sp.handler < 0 || sp.handler >= len(args) {
		return
	}
	h := f.handler(args[sp.handler], 0)
	if len(h.routers) == 0 {
		return
	}
	var recv ssa.Value
	if isMethod(call.Common()) {
		recv = args[0]
	}
	path := ""
	switch {
	case h.stripped:
		path = h.strip
	case sp.op == opMount:
		path = f.text(args[sp.path])
	}
	for _, r := range h.routers {
		f.mounts[r] = append(f.mounts[r], mount{recv, path})
	}
}

// isMethod reports whether call calls a method, whose receiver is the
// first of the arguments specOf returns.
func isMethod(call *ssa.CallCommon) bool {
	if call.IsInvoke() {
		return true
	}
	callee := call.StaticCallee()
	return callee != nil && callee.Signature.Recv() != nil
}

// specOf returns the spec of the function that call calls, and its
// arguments, the receiver first.
func specOf(call *ssa.CallCommon) (spec, []ssa.Value, bool) {
	key, args := keyOf(call)
	sp, ok := specs[key]
	return sp, args, ok
}

// keyOf returns the full name of the function that call calls, as the
// specs table writes it: "pkg.Func" or "pkg.Type.Method", the type
// being the receiver's named type, pointer or not; and the call's
// arguments, the receiver first.
func keyOf(call *ssa.CallCommon) (string, []ssa.Value) {
	if call.IsInvoke() {
		name, ok := typeKey(call.Value.Type())
		if !ok {
			return "", nil
		}
		return name + "." + call.Method.Name(), append([]ssa.Value{call.Value}, call.Args...)
	}
	callee := call.StaticCallee()
	if callee == nil {
		return "", nil
	}
	if origin := callee.Origin(); origin != nil {
		callee = origin
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return "", nil
	}
	if recv := obj.Signature().Recv(); recv != nil {
		name, ok := typeKey(recv.Type())
		if !ok {
			return "", nil
		}
		return name + "." + obj.Name(), call.Args
	}
	return obj.Pkg().Path() + "." + obj.Name(), call.Args
}

// typeKey returns "pkg.Name" for a named type or a pointer to one.
func typeKey(t types.Type) (string, bool) {
	t = types.Unalias(t)
	if ptr, ok := t.(*types.Pointer); ok {
		t = types.Unalias(ptr.Elem())
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return "", false
	}
	return named.Obj().Pkg().Path() + "." + named.Obj().Name(), true
}

// routesAt returns the routes that call registers.
//
// A registration whose path, method or handler is not known here may be
// made in a helper that its callers give them to:
// handleFunc(router, h.getServices, "/services").Methods("GET"). Its
// routes are then resolved at each call of the helper in view, with the
// helper's parameters bound to that call's arguments, and registered
// there.
func (f *finder) routesAt(call ssa.CallInstruction) []Route {
	fn := call.Parent()
	routes := f.routesHere(call)
	for i := range routes {
		routes[i].In = fn
	}
	if !slices.ContainsFunc(routes, incomplete) {
		return routes
	}
	var bound []Route
	for _, site := range f.callers[fn] {
		if site.Parent() == fn || site.Common().StaticCallee() != fn {
			continue
		}
		f.env = make(map[*ssa.Parameter]ssa.Value, len(fn.Params))
		for i, p := range fn.Params {
			if i < len(site.Common().Args) {
				f.env[p] = site.Common().Args[i]
			}
		}
		f.site = site
		for _, r := range f.routesHere(call) {
			r.Pos, r.In = site.Pos(), site.Parent()
			bound = append(bound, r)
		}
		f.env, f.site = nil, nil
	}
	if len(bound) == 0 {
		return routes
	}
	return bound
}

// incomplete reports whether r has a part that is not known.
func incomplete(r Route) bool {
	return r.Handler == nil || strings.Contains(r.Pattern, "?(") || strings.Contains(r.Method, "?(")
}

// bound returns the argument that v, a parameter of a registration
// helper, is bound to at the call being resolved; v itself otherwise.
func (f *finder) bound(v ssa.Value) ssa.Value {
	if p, ok := v.(*ssa.Parameter); ok {
		if a, ok := f.env[p]; ok {
			return a
		}
	}
	return v
}

// routesHere returns the routes that call registers, as seen from its
// own function (and f.env).
func (f *finder) routesHere(call ssa.CallInstruction) []Route {
	if routes, ok := f.serviceRoutes(call); ok {
		return routes
	}
	if routes, ok := f.gorillaRoutes(call); ok {
		return routes
	}
	sp, args, ok := specOf(call.Common())
	if !ok || sp.op != opRoute || sp.path >= len(args) {
		return nil
	}
	var h handlerRef
	switch {
	case sp.handler == lastArg:
		last := variadic(args[len(args)-1])
		if len(last) == 0 {
			return nil
		}
		h = f.handler(last[len(last)-1], 0)
	case sp.handler < len(args):
		h = f.handler(args[sp.handler], 0)
	default:
		return nil
	}
	if len(h.routers) > 0 || h.service {
		return nil // a mount, or a service that lists its own routes
	}
	pattern := f.text(args[sp.path])
	method := sp.fixed
	if sp.method != noArg && sp.method < len(args) {
		method = upper(f.text(args[sp.method]))
	}
	if sp.fields {
		pattern, method = f.field(args[sp.path], "Path"), upper(f.field(args[sp.method], "Method"))
	}
	if sp.inPattern {
		if m, rest, ok := strings.Cut(pattern, " "); ok && !strings.Contains(m, "/") {
			method, pattern = m, strings.TrimLeft(rest, " \t")
		}
	}
	var prefixes []string
	if isMethod(call.Common()) {
		prefixes = f.prefixes(f.bound(args[0]))
	} else {
		prefixes = []string{""}
	}
	var routes []Route
	for _, p := range prefixes {
		routes = append(routes, Route{
			Method:     method,
			Pattern:    join(p, pattern),
			Framework:  sp.framework,
			Handler:    h.fn,
			Unresolved: h.expr,
			Pos:        call.Pos(),
		})
	}
	return routes
}

// upper returns an HTTP method in upper case; what is not known is
// left as it is.
func upper(method string) string {
	if strings.HasPrefix(method, "?(") {
		return method
	}
	return strings.ToUpper(method)
}

// join joins a prefix and a path with one slash between them.
func join(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	case strings.HasSuffix(prefix, "/") && strings.HasPrefix(path, "/"):
		return prefix + path[1:]
	case !strings.HasSuffix(prefix, "/") && !strings.HasPrefix(path, "/"):
		return prefix + "/" + path
	}
	return prefix + path
}

// joinAll joins each of prefixes with path.
func joinAll(prefixes []string, path string) []string {
	out := make([]string, len(prefixes))
	for i, p := range prefixes {
		out[i] = join(p, path)
	}
	return out
}
