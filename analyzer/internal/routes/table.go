package routes

import "strings"

// An op says what a call does to a router.
type op int

const (
	// opRoute registers a handler under a pattern.
	opRoute op = iota + 1
	// opGroup returns a router whose routes are under the receiver's
	// prefix joined with the path argument (none for With).
	opGroup
	// opScope calls its function argument with a router under the
	// receiver's prefix joined with the path argument, if any: chi's
	// Route and Group, fiber's Route.
	opScope
	// opMount serves another router under the receiver's prefix joined
	// with the path argument.
	opMount
	// opNew makes a router.
	opNew
)

// noArg marks an argument a spec does not have.
const noArg = -1

// lastArg marks the handler of a variadic list of handlers, the last
// of which serves the request (the others are middleware).
const lastArg = -2

// A spec describes one registration or router call, by the callee's
// full name as key (see keyOf).
type spec struct {
	op        op
	framework string
	path      int    // argument holding the path or prefix, or noArg
	method    int    // argument holding the HTTP method, or noArg
	fixed     string // the HTTP method the call implies: "GET"; "" for any
	handler   int    // argument holding the handler, lastArg, or noArg
	fn        int    // opScope: argument holding the function it calls
	// inPattern says the pattern may begin with the method, as in Go
	// 1.22's "GET /users/{id}".
	inPattern bool
	// fields says the path and method arguments are a struct whose
	// Path and Method fields hold them (huma's Operation).
	fields bool
}

// huma is the import path of huma v2.
const huma = "github.com/danielgtaylor/huma/v2"

// httpMethods are the HTTP methods that routers name methods after.
var httpMethods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE"}

// title returns "Get" for "GET".
func title(m string) string { return m[:1] + strings.ToLower(m[1:]) }

// specs maps the full names of router calls, as keyOf writes them, to
// what they do. Receivers are the routers' types and interfaces.
var specs = func() map[string]spec {
	s := make(map[string]spec)
	// Arguments are numbered as ssa.CallCommon numbers them for a
	// static call: the receiver first. Interface calls (invoke mode)
	// are shifted to match by keyOf's caller.
	add := func(keys []string, sp spec) {
		for _, k := range keys {
			s[k] = sp
		}
	}
	on := func(types []string, method string) []string {
		var keys []string
		for _, t := range types {
			keys = append(keys, t+"."+method)
		}
		return keys
	}

	// net/http: Go 1.22 patterns may carry the method.
	for _, k := range []string{"net/http.Handle", "net/http.HandleFunc"} {
		s[k] = spec{op: opRoute, framework: "net/http", path: 0, method: noArg, handler: 1, inPattern: true}
	}
	for _, m := range []string{"Handle", "HandleFunc"} {
		s["net/http.ServeMux."+m] = spec{op: opRoute, framework: "net/http", path: 1, method: noArg, handler: 2, inPattern: true}
	}
	s["net/http.NewServeMux"] = spec{op: opNew, framework: "net/http"}

	// chi, v5 and before.
	for _, pkg := range []string{"github.com/go-chi/chi/v5", "github.com/go-chi/chi"} {
		types := []string{pkg + ".Mux", pkg + ".Router"}
		for _, m := range httpMethods {
			add(on(types, title(m)), spec{op: opRoute, framework: "chi", path: 1, method: noArg, fixed: m, handler: 2})
		}
		add(on(types, "Handle"), spec{op: opRoute, framework: "chi", path: 1, method: noArg, handler: 2})
		add(on(types, "HandleFunc"), spec{op: opRoute, framework: "chi", path: 1, method: noArg, handler: 2})
		add(on(types, "Method"), spec{op: opRoute, framework: "chi", path: 2, method: 1, handler: 3})
		add(on(types, "MethodFunc"), spec{op: opRoute, framework: "chi", path: 2, method: 1, handler: 3})
		add(on(types, "Route"), spec{op: opScope, framework: "chi", path: 1, method: noArg, handler: noArg, fn: 2})
		add(on(types, "Group"), spec{op: opScope, framework: "chi", path: noArg, method: noArg, handler: noArg, fn: 1})
		add(on(types, "With"), spec{op: opGroup, framework: "chi", path: noArg, method: noArg, handler: noArg})
		add(on(types, "Mount"), spec{op: opMount, framework: "chi", path: 1, method: noArg, handler: 2})
		s[pkg+".NewRouter"] = spec{op: opNew, framework: "chi"}
		s[pkg+".NewMux"] = spec{op: opNew, framework: "chi"}
	}

	// gin: the Engine's methods are its embedded RouterGroup's.
	{
		const pkg = "github.com/gin-gonic/gin"
		types := []string{pkg + ".RouterGroup", pkg + ".IRouter", pkg + ".IRoutes"}
		for _, m := range httpMethods {
			if m == "CONNECT" || m == "TRACE" {
				continue
			}
			add(on(types, m), spec{op: opRoute, framework: "gin", path: 1, method: noArg, fixed: m, handler: lastArg})
		}
		add(on(types, "Any"), spec{op: opRoute, framework: "gin", path: 1, method: noArg, handler: lastArg})
		add(on(types, "Handle"), spec{op: opRoute, framework: "gin", path: 2, method: 1, handler: lastArg})
		add(on(types, "Group"), spec{op: opGroup, framework: "gin", path: 1, method: noArg, handler: noArg})
		s[pkg+".New"] = spec{op: opNew, framework: "gin"}
		s[pkg+".Default"] = spec{op: opNew, framework: "gin"}
	}

	// echo v4, and v3 and before.
	for _, pkg := range []string{"github.com/labstack/echo/v4", "github.com/labstack/echo"} {
		types := []string{pkg + ".Echo", pkg + ".Group"}
		for _, m := range httpMethods {
			add(on(types, m), spec{op: opRoute, framework: "echo", path: 1, method: noArg, fixed: m, handler: 2})
		}
		add(on(types, "Any"), spec{op: opRoute, framework: "echo", path: 1, method: noArg, handler: 2})
		add(on(types, "Add"), spec{op: opRoute, framework: "echo", path: 2, method: 1, handler: 3})
		add(on(types, "Group"), spec{op: opGroup, framework: "echo", path: 1, method: noArg, handler: noArg})
		s[pkg+".New"] = spec{op: opNew, framework: "echo"}
	}

	// fiber v2.
	{
		const pkg = "github.com/gofiber/fiber/v2"
		types := []string{pkg + ".App", pkg + ".Group", pkg + ".Router"}
		for _, m := range httpMethods {
			add(on(types, title(m)), spec{op: opRoute, framework: "fiber", path: 1, method: noArg, fixed: m, handler: lastArg})
		}
		add(on(types, "All"), spec{op: opRoute, framework: "fiber", path: 1, method: noArg, handler: lastArg})
		add(on(types, "Add"), spec{op: opRoute, framework: "fiber", path: 2, method: 1, handler: lastArg})
		add(on(types, "Group"), spec{op: opGroup, framework: "fiber", path: 1, method: noArg, handler: noArg})
		add(on(types, "Route"), spec{op: opScope, framework: "fiber", path: 1, method: noArg, handler: noArg, fn: 2})
		add(on(types, "Mount"), spec{op: opMount, framework: "fiber", path: 1, method: noArg, handler: 2})
		s[pkg+".New"] = spec{op: opNew, framework: "fiber"}
	}

	// fasthttp's router.
	{
		const pkg = "github.com/fasthttp/router"
		types := []string{pkg + ".Router", pkg + ".Group"}
		for _, m := range httpMethods {
			add(on(types, m), spec{op: opRoute, framework: "fasthttp", path: 1, method: noArg, fixed: m, handler: 2})
		}
		add(on(types, "ANY"), spec{op: opRoute, framework: "fasthttp", path: 1, method: noArg, handler: 2})
		add(on(types, "Handle"), spec{op: opRoute, framework: "fasthttp", path: 2, method: 1, handler: 3})
		add(on(types, "Group"), spec{op: opGroup, framework: "fasthttp", path: 1, method: noArg, handler: noArg})
		s[pkg+".New"] = spec{op: opNew, framework: "fasthttp"}
	}

	// httprouter, and ory's wrappers of it.
	{
		const pkg = "github.com/julienschmidt/httprouter"
		types := []string{pkg + ".Router", "github.com/ory/x/httprouterx.RouterPublic", "github.com/ory/x/httprouterx.RouterAdmin"}
		for _, m := range []string{"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"} {
			add(on(types, m), spec{op: opRoute, framework: "httprouter", path: 1, method: noArg, fixed: m, handler: 2})
		}
		for _, m := range []string{"Handle", "Handler", "HandlerFunc"} {
			add(on(types, m), spec{op: opRoute, framework: "httprouter", path: 2, method: 1, handler: 3})
		}
		s[pkg+".New"] = spec{op: opNew, framework: "httprouter"}
	}

	// Prometheus's router (github.com/prometheus/common/route).
	{
		const pkg = "github.com/prometheus/common/route"
		for m, name := range map[string]string{"GET": "Get", "HEAD": "Head", "OPTIONS": "Options", "POST": "Post", "PUT": "Put", "DELETE": "Del"} {
			s[pkg+".Router."+name] = spec{op: opRoute, framework: "prometheus/route", path: 1, method: noArg, fixed: m, handler: 2}
		}
		s[pkg+".Router.WithPrefix"] = spec{op: opGroup, framework: "prometheus/route", path: 1, method: noArg, handler: noArg}
		s[pkg+".Router.WithInstrumentation"] = spec{op: opGroup, framework: "prometheus/route", path: noArg, method: noArg, handler: noArg}
		s[pkg+".New"] = spec{op: opNew, framework: "prometheus/route"}
	}

	// huma's convenience functions; the API carries no prefix here.
	// Register takes an Operation, whose fields give the path and the
	// method (see opFields).
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"} {
		s[huma+"."+title(m)] = spec{op: opRoute, framework: "huma", path: 1, method: noArg, fixed: m, handler: 2}
	}
	s[huma+".Register"] = spec{op: opRoute, framework: "huma", path: 1, method: 1, handler: 2, fields: true}

	// gorilla/mux: see gorilla.go for the calls on routes.
	{
		const pkg = "github.com/gorilla/mux"
		s[pkg+".Router.HandleFunc"] = spec{op: opRoute, framework: "gorilla/mux", path: 1, method: noArg, handler: 2}
		s[pkg+".Router.Handle"] = spec{op: opRoute, framework: "gorilla/mux", path: 1, method: noArg, handler: 2}
		s[pkg+".NewRouter"] = spec{op: opNew, framework: "gorilla/mux"}
	}
	return s
}()

// gorilla is the import path of gorilla/mux.
const gorilla = "github.com/gorilla/mux"

// routerTypes are the types whose values are routers: a handler of one
// of these types is a router mounted there, not a route.
var routerTypes = map[string]bool{
	"net/http.ServeMux":                          true,
	"github.com/go-chi/chi/v5.Mux":               true,
	"github.com/go-chi/chi/v5.Router":            true,
	"github.com/go-chi/chi.Mux":                  true,
	"github.com/go-chi/chi.Router":               true,
	"github.com/gin-gonic/gin.Engine":            true,
	"github.com/labstack/echo/v4.Echo":           true,
	"github.com/labstack/echo.Echo":              true,
	"github.com/gorilla/mux.Router":              true,
	"github.com/gofiber/fiber/v2.App":            true,
	"github.com/fasthttp/router.Router":          true,
	"github.com/julienschmidt/httprouter.Router": true,
	"github.com/prometheus/common/route.Router":  true,
}

// topTypes are router types that are always a program's top router:
// a parameter of one of them has no prefix even when its callers are
// not in view. Groups, and routers that can be mounted, are not.
var topTypes = map[string]bool{
	"github.com/gin-gonic/gin.Engine":  true,
	"github.com/labstack/echo/v4.Echo": true,
	"github.com/labstack/echo.Echo":    true,
}
