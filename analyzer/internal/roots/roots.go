// Package roots recognises request entry points: the functions that
// run once per request, on the request's goroutine.
//
// Roots are recognised by type wherever a type says enough, so that
// aliases, wrappers, method values and function literals are all
// found:
//
//   - the request-type rule: any function whose parameters, taken
//     together, give it both an *http.Request and an
//     http.ResponseWriter, directly or through the fields and methods
//     of a request type of its own (net/http handlers, ServeHTTP,
//     middleware closures, gin, echo v4 and v5, iris, go-restful,
//     beego, and applications' own request events); see shape.go;
//   - frameworks that are not built on net/http, by their request
//     type: fiber, fasthttp, hertz, connect's *connect.Request[T];
//   - generated services: the methods of a type that embeds a
//     generated UnimplementedXxxServer or UnimplementedXxxHandler, or
//     that implements a gRPC XxxServer interface whose package declares
//     RegisterXxxServer, or an interface declared in a generated file
//     whose package also declares a Register or New function taking it
//     and imports an RPC framework (connect, Twirp, kratos, gqlgen,
//     go-micro); see service.go; and gRPC interceptors;
//   - registration arguments: the functions passed to a registration
//     call whose parameters say nothing, such as huma.Register and
//     huma.Get, and, when asked for, lambda.Start; see register.go;
//   - configuration: functions and methods named in the roots option.
//
// Functions declared in _test.go files are never roots, nor are those
// of other files that import "testing" (see [Finder.MarkTestSupport]).
package roots

import (
	"go/ast"
	"go/token"
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
	Hertz       Kind = "hertz"
	Iris        Kind = "iris"
	Restful     Kind = "go-restful"
	Beego       Kind = "beego"
	Connect     Kind = "connect"
	GRPC        Kind = "grpc"
	Interceptor Kind = "grpc-interceptor"
	Twirp       Kind = "twirp"
	Kratos      Kind = "kratos"
	GraphQL     Kind = "gqlgen"
	Micro       Kind = "go-micro"
	Huma        Kind = "huma"
	Lambda      Kind = "lambda"
	// RequestType roots take a request type that blockcheck knows
	// only by its shape (see shape.go).
	RequestType Kind = "request-type"
	// Custom roots have a parameter of a type named in configuration.
	Custom Kind = "custom"
	// Configured roots are named in configuration.
	Configured Kind = "configured"
)

// A Root is a request entry point.
type Root struct {
	Fn   *ssa.Function
	Kind Kind
}

// typeName identifies a named type by package path and name.
type typeName struct{ path, name string }

// handlerParams maps the parameter types that make a function a
// handler to the framework they belong to: the frameworks whose request
// type does not carry a net/http request, and those whose type is worth
// naming. A net/http handler needs both of its types; see handlerKind.
var handlerParams = map[typeName]Kind{
	{"github.com/gin-gonic/gin", "Context"}:                  Gin,
	{"github.com/labstack/echo/v4", "Context"}:               Echo,
	{"github.com/labstack/echo", "Context"}:                  Echo,
	{"github.com/gofiber/fiber/v2", "Ctx"}:                   Fiber,
	{"github.com/gofiber/fiber/v3", "Ctx"}:                   Fiber,
	{"github.com/valyala/fasthttp", "RequestCtx"}:            FastHTTP,
	{"github.com/cloudwego/hertz/pkg/app", "RequestContext"}: Hertz,
	{"connectrpc.com/connect", "Request"}:                    Connect,
	{"google.golang.org/grpc", "UnaryServerInfo"}:            Interceptor,
	{"google.golang.org/grpc", "StreamServerInfo"}:           Interceptor,
}

// requestTypes names the frameworks of request types that the
// request-type rule finds by shape, for messages and fixes.
var requestTypes = map[typeName]Kind{
	{"github.com/labstack/echo/v5", "Context"}:                  Echo,
	{"github.com/kataras/iris/v12/context", "Context"}:          Iris,
	{"github.com/emicklei/go-restful/v3", "Request"}:            Restful,
	{"github.com/emicklei/go-restful", "Request"}:               Restful,
	{"github.com/beego/beego/v2/server/web/context", "Context"}: Beego,
}

// nameOf returns the package path and name of t, looking through one
// pointer and through aliases; ok is false for unnamed types.
func nameOf(t types.Type) (typeName, bool) {
	named, ok := deref(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return typeName{}, false
	}
	return typeName{named.Obj().Pkg().Path(), named.Obj().Name()}, true
}

// A rule says how a root was recognised.
type rule int

const (
	// byOther: a service method, configuration, a registration.
	byOther rule = iota
	// byParams: a named request type, or net/http's own pair of
	// parameters.
	byParams
	// byShape: the request-type rule alone.
	byShape
)

// deref returns t, or what it points to, looking through aliases.
func deref(t types.Type) types.Type {
	t = types.Unalias(t)
	if ptr, ok := t.(*types.Pointer); ok {
		return types.Unalias(ptr.Elem())
	}
	return t
}

// handlerKind reports whether a function of signature sig is a request
// handler by its parameters, for which framework, and by which rule.
func (f *Finder) handlerKind(sig *types.Signature) (kind Kind, how rule, ok bool) {
	params := sig.Params()
	var writer, req bool
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
		}
		if kind, ok := handlerParams[name]; ok {
			return kind, byParams, true
		}
		if f.custom[name] {
			return Custom, byParams, true
		}
	}
	if writer && req {
		return NetHTTP, byParams, true
	}
	if !f.shapes.requestShaped(sig) {
		return "", byOther, false
	}
	for i := range params.Len() {
		name, _ := nameOf(params.At(i).Type())
		if k, ok := requestTypes[name]; ok {
			return k, byShape, true
		}
	}
	return RequestType, byShape, true
}

var (
	request        = typeName{"net/http", "Request"}
	responseWriter = typeName{"net/http", "ResponseWriter"}
)

// IsRoot reports whether fn, which may belong to another package, is
// a root. It applies the rules that need no view of the package's
// registrations and calls: handler signatures, embedded service stubs
// and configuration. (A function of another package that the
// request-type rule finds but that its own package calls only from
// background work is taken as a root here: its callers cannot be seen.)
func (f *Finder) IsRoot(fn *types.Func) bool {
	if _, _, ok := f.handlerKind(fn.Signature()); ok {
		return true
	}
	_, stub := embedsServiceStub(fn)
	return stub || f.configured(fn)
}

// A Finder finds the roots of one package. It is not safe for
// concurrent use.
type Finder struct {
	fset     *token.FileSet
	services []service
	custom   map[typeName]bool
	named    []funcPattern
	ignored  []funcPattern
	lambda   bool
	shapes   shapes
	seen     map[*types.Package]bool // packages whose services are known

	// wholeProgram is Options.WholeProgram.
	wholeProgram bool
	// interfaces memoises lookupInterface.
	interfaces map[interfaceKey]*types.Interface

	// notRoots holds the functions that a rule matched but that
	// Find found to be run only by background work.
	notRoots map[*ssa.Function]bool
	// isRoot memoises Is, which whole-program mode asks of every
	// callee of every dynamic call.
	isRoot map[*ssa.Function]bool
	// testSupport holds the files that are test support (see
	// MarkTestSupport).
	testSupport map[*token.File]bool
}

// Options configure a Finder.
type Options struct {
	// Params holds the full names of more types, such as
	// "example.com/web.Context", a parameter of which makes a function
	// a root.
	Params []string
	// Funcs holds the full names of functions and methods that are
	// roots, such as "example.com/rpc.Serve" or
	// "(*example.com/rpc.Dispatcher).Dispatch"; "*" for the method name
	// stands for every method of the type.
	Funcs []string
	// Ignore holds the full names of functions and methods that are no
	// roots whatever rule matches them, in the form of Funcs; an
	// interface type's method, or "*", names every method that
	// implements it.
	Ignore []string
	// WholeProgram says that the functions given to Find are the whole
	// program's, so that they hold every caller of an exported
	// function too.
	WholeProgram bool
	// Lambda says that functions passed to lambda.Start are roots.
	Lambda bool
}

// NewFinder returns a Finder for pkg, whose files and those of its
// imports are in fset. It collects the generated service interfaces of
// pkg and of its direct imports.
func NewFinder(pkg *types.Package, fset *token.FileSet, opts Options) *Finder {
	f := &Finder{
		fset:     fset,
		custom:   make(map[typeName]bool, len(opts.Params)),
		lambda:   opts.Lambda,
		shapes:   make(shapes),
		seen:     make(map[*types.Package]bool),
		notRoots: make(map[*ssa.Function]bool),
		isRoot:   make(map[*ssa.Function]bool),

		wholeProgram: opts.WholeProgram,
		interfaces:   make(map[interfaceKey]*types.Interface),

		testSupport: make(map[*token.File]bool),
	}
	for _, t := range opts.Params {
		if i := strings.LastIndexByte(t, '.'); i > 0 {
			f.custom[typeName{t[:i], t[i+1:]}] = true
		}
	}
	for _, name := range opts.Funcs {
		if p, ok := parseFuncPattern(name); ok {
			f.named = append(f.named, p)
		}
	}
	for _, name := range opts.Ignore {
		if p, ok := parseFuncPattern(name); ok {
			f.ignored = append(f.ignored, p)
		}
	}
	f.addServices(pkg)
	for _, imp := range pkg.Imports() {
		f.addServices(imp)
	}
	return f
}

// AddServices records the generated service interfaces of more
// packages: in whole-program mode, those of every package, so that a
// service implemented in one package and registered in another is
// found.
func (f *Finder) AddServices(pkgs ...*types.Package) {
	for _, pkg := range pkgs {
		f.addServices(pkg)
	}
}

// Is reports whether fn is a root by its kind, wherever it is declared,
// test files included, unless Find found it run only by background
// work. Call it after Find.
func (f *Finder) Is(fn *ssa.Function) bool {
	if is, ok := f.isRoot[fn]; ok {
		return is
	}
	_, _, is := f.kindOf(fn)
	is = is && !f.notRoots[fn] && !f.isIgnored(fn)
	f.isRoot[fn] = is
	return is
}

// Find returns the roots among funcs, in the order of funcs: those that
// a rule of their own recognises, and those passed to registration
// calls in funcs.
func (f *Finder) Find(funcs []*ssa.Function) []Root {
	kinds := make(map[*ssa.Function]Kind)
	rules := make(map[*ssa.Function]rule)
	for _, fn := range funcs {
		if kind, how, ok := f.kindOf(fn); ok {
			kinds[fn] = kind
			rules[fn] = how
		}
	}
	f.dropBackground(funcs, kinds, rules)
	f.addRegistered(funcs, kinds)
	var roots []Root
	for _, fn := range funcs {
		if kind, ok := kinds[fn]; ok && !inTestFile(fn) && !f.inTestSupport(fn) && !f.isIgnored(fn) {
			roots = append(roots, Root{Fn: fn, Kind: kind})
		}
	}
	return roots
}

func (f *Finder) kindOf(fn *ssa.Function) (kind Kind, how rule, ok bool) {
	if kind, how, ok := f.handlerKind(fn.Signature); ok {
		return kind, how, true
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return "", byOther, false
	}
	if f.configured(obj) {
		return Configured, byOther, true
	}
	if fn.Signature.Recv() == nil {
		return "", byOther, false
	}
	if kind, ok := embedsServiceStub(obj); ok {
		return kind, byOther, true
	}
	if kind, ok := f.implementsService(obj); ok {
		return kind, byOther, true
	}
	return "", byOther, false
}

// MarkTestSupport records which of files, in fset, are test support:
// files other than _test.go files that import "testing", such as a fake
// server, a test CA, or helpers that take a *testing.T kept beside
// production code (manager_test_helpers.go). They run in tests, not in
// production, so the functions declared there are not roots, even
// where they take a request. The rest of the package is unaffected.
func (f *Finder) MarkTestSupport(fset *token.FileSet, files []*ast.File) {
	for _, file := range files {
		tf := fset.File(file.Pos())
		if strings.HasSuffix(tf.Name(), "_test.go") {
			continue
		}
		for _, imp := range file.Imports {
			if imp.Path.Value == `"testing"` {
				f.testSupport[tf] = true
				break
			}
		}
	}
}

// InTest reports whether fn is declared in a _test.go file or in a
// test support file (see MarkTestSupport): code that runs in tests.
func (f *Finder) InTest(fn *ssa.Function) bool {
	return inTestFile(fn) || f.inTestSupport(fn)
}

// inTestSupport reports whether fn is declared in a test support file.
func (f *Finder) inTestSupport(fn *ssa.Function) bool {
	pos := declPos(fn)
	return pos.IsValid() && f.testSupport[fn.Prog.Fset.File(pos)]
}

func inTestFile(fn *ssa.Function) bool {
	pos := declPos(fn)
	if !pos.IsValid() {
		return false
	}
	return strings.HasSuffix(fn.Prog.Fset.File(pos).Name(), "_test.go")
}

// declPos returns a position in the file that declares fn: that of
// the outermost function with a position that encloses it. A function
// literal in a package-level variable belongs to the package's init,
// which has none: its own position says where it is.
func declPos(fn *ssa.Function) token.Pos {
	pos := fn.Pos()
	for p := fn.Parent(); p != nil; p = p.Parent() {
		if p.Pos().IsValid() {
			pos = p.Pos()
		}
	}
	return pos
}
