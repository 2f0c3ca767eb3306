// Package roots recognises request entry points: the functions that
// run once per request, on the request's goroutine.
//
// Roots are recognised by type, never by name, so that aliases,
// wrappers, method values and function literals are all found:
//
//   - net/http: any function with both an http.ResponseWriter and an
//     *http.Request parameter (handlers, ServeHTTP methods, the
//     closures that middleware returns, handlers that chi and
//     gorilla/mux route to, adapters with extra parameters);
//   - gin: a *gin.Context parameter; echo: an echo.Context parameter;
//     fiber: a *fiber.Ctx (v2) or fiber.Ctx (v3) parameter;
//     fasthttp: a *fasthttp.RequestCtx parameter;
//   - connect: a *connect.Request[T] parameter;
//   - gRPC: the methods of a type that embeds a generated
//     UnimplementedXxxServer, or that implements a generated XxxServer
//     interface whose package declares RegisterXxxServer; and unary or
//     stream server interceptors.
//
// Functions declared in _test.go files are never roots.
package roots

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A Kind names the framework a root belongs to.
type Kind string

// The kinds of root.
const (
	NetHTTP     Kind = "net/http"
	Gin         Kind = "gin"
	Echo        Kind = "echo"
	Fiber       Kind = "fiber"
	FastHTTP    Kind = "fasthttp"
	Connect     Kind = "connect"
	GRPC        Kind = "grpc"
	Interceptor Kind = "grpc-interceptor"
	// Custom roots have a parameter of a type named in configuration.
	Custom Kind = "custom"
)

// A Root is a request entry point.
type Root struct {
	Fn   *ssa.Function
	Kind Kind
}

// typeName identifies a named type by package path and name.
type typeName struct{ path, name string }

// handlerParams maps the parameter types that make a function a
// handler to the framework they belong to. A net/http handler needs
// both of its types; see kindOf.
var handlerParams = map[typeName]Kind{
	{"github.com/gin-gonic/gin", "Context"}:        Gin,
	{"github.com/labstack/echo/v4", "Context"}:     Echo,
	{"github.com/labstack/echo", "Context"}:        Echo,
	{"github.com/gofiber/fiber/v2", "Ctx"}:         Fiber,
	{"github.com/gofiber/fiber/v3", "Ctx"}:         Fiber,
	{"github.com/valyala/fasthttp", "RequestCtx"}:  FastHTTP,
	{"connectrpc.com/connect", "Request"}:          Connect,
	{"google.golang.org/grpc", "UnaryServerInfo"}:  Interceptor,
	{"google.golang.org/grpc", "StreamServerInfo"}: Interceptor,
}

var (
	responseWriter = typeName{"net/http", "ResponseWriter"}
	request        = typeName{"net/http", "Request"}
)

// nameOf returns the package path and name of t, looking through one
// pointer and through aliases; ok is false for unnamed types.
func nameOf(t types.Type) (typeName, bool) {
	t = types.Unalias(t)
	if ptr, ok := t.(*types.Pointer); ok {
		t = types.Unalias(ptr.Elem())
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return typeName{}, false
	}
	return typeName{named.Obj().Pkg().Path(), named.Obj().Name()}, true
}

// handlerKind reports whether a function of signature sig is a request
// handler by its parameters, and for which framework; custom holds
// more parameter types that make a function a root.
func handlerKind(sig *types.Signature, custom map[typeName]bool) (Kind, bool) {
	var writer, req bool
	params := sig.Params()
	for i := range params.Len() {
		name, ok := nameOf(params.At(i).Type())
		if !ok {
			continue
		}
		switch name {
		case responseWriter:
			writer = true
		case request:
			req = true
		default:
			if kind, ok := handlerParams[name]; ok {
				return kind, true
			}
			if custom[name] {
				return Custom, true
			}
		}
	}
	if writer && req {
		return NetHTTP, true
	}
	return "", false
}

// IsRoot reports whether fn, which may belong to another package, is
// a root. It applies the rules that need no view of the package's
// registrations: handler signatures and embedded gRPC stubs.
func (f *Finder) IsRoot(fn *types.Func) bool {
	if _, ok := handlerKind(fn.Signature(), f.custom); ok {
		return true
	}
	return embedsServiceStub(fn)
}

// A Finder finds the roots of one package.
type Finder struct {
	services []*types.Interface
	custom   map[typeName]bool
}

// NewFinder returns a Finder for pkg. It collects the generated gRPC
// service interfaces of pkg and of its direct imports. customParams
// holds the full names of more types, such as "example.com/web.Context",
// a parameter of which makes a function a root.
func NewFinder(pkg *types.Package, customParams []string) *Finder {
	f := &Finder{custom: make(map[typeName]bool, len(customParams))}
	for _, t := range customParams {
		if i := strings.LastIndexByte(t, '.'); i > 0 {
			f.custom[typeName{t[:i], t[i+1:]}] = true
		}
	}
	f.addServices(pkg)
	for _, imp := range pkg.Imports() {
		f.addServices(imp)
	}
	return f
}

// AddServices records the generated gRPC service interfaces of more
// packages: in whole-program mode, those of every package, so that a
// service implemented in one package and registered in another is
// found.
func (f *Finder) AddServices(pkgs ...*types.Package) {
	for _, pkg := range pkgs {
		f.addServices(pkg)
	}
}

// addServices records the interfaces XxxServer of pkg for which pkg
// also declares a function RegisterXxxServer, as protoc-gen-go-grpc
// generates them.
func (f *Finder) addServices(pkg *types.Package) {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if !strings.HasSuffix(name, "Server") {
			continue
		}
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok || iface.NumMethods() == 0 {
			continue
		}
		if _, ok := scope.Lookup("Register" + name).(*types.Func); ok {
			f.services = append(f.services, iface)
		}
	}
}

// Is reports whether fn is a root by its kind, wherever it is declared,
// test files included.
func (f *Finder) Is(fn *ssa.Function) bool {
	_, ok := f.kindOf(fn)
	return ok
}

// Find returns the roots among funcs, in the order of funcs.
func (f *Finder) Find(funcs []*ssa.Function) []Root {
	var roots []Root
	for _, fn := range funcs {
		if kind, ok := f.kindOf(fn); ok && !inTestFile(fn) {
			roots = append(roots, Root{Fn: fn, Kind: kind})
		}
	}
	return roots
}

func (f *Finder) kindOf(fn *ssa.Function) (Kind, bool) {
	if kind, ok := handlerKind(fn.Signature, f.custom); ok {
		return kind, true
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || fn.Signature.Recv() == nil {
		return "", false
	}
	if embedsServiceStub(obj) || f.implementsService(obj) {
		return GRPC, true
	}
	return "", false
}

// embedsServiceStub reports whether method is declared on a struct
// that embeds a generated UnimplementedXxxServer with a method of the
// same name, that is, whether method implements a gRPC service method.
func embedsServiceStub(method *types.Func) bool {
	recv := method.Signature().Recv()
	if recv == nil {
		return false
	}
	t := types.Unalias(recv.Type())
	if ptr, ok := t.(*types.Pointer); ok {
		t = types.Unalias(ptr.Elem())
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		field := st.Field(i)
		if !field.Embedded() {
			continue
		}
		name, ok := nameOf(field.Type())
		if !ok || !strings.HasPrefix(name.name, "Unimplemented") || !strings.HasSuffix(name.name, "Server") {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(field.Type(), true, method.Pkg(), method.Name())
		if _, ok := obj.(*types.Func); ok {
			return true
		}
	}
	return false
}

// implementsService reports whether method's receiver type implements
// a known gRPC service interface that has a method of the same name.
func (f *Finder) implementsService(method *types.Func) bool {
	recv := method.Signature().Recv().Type()
	if ptr, ok := types.Unalias(recv).(*types.Pointer); ok {
		recv = ptr.Elem()
	}
	ptr := types.NewPointer(recv)
	for _, iface := range f.services {
		has := false
		for m := range iface.Methods() {
			if m.Name() == method.Name() {
				has = true
				break
			}
		}
		if has && (types.Implements(recv, iface) || types.Implements(ptr, iface)) {
			return true
		}
	}
	return false
}

func inTestFile(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	pos := fn.Pos()
	if !pos.IsValid() {
		return false
	}
	return strings.HasSuffix(fn.Prog.Fset.File(pos).Name(), "_test.go")
}
