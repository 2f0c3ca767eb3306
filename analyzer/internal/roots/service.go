package roots

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"strings"
	"sync"
)

// A service is an interface whose implementations' methods serve
// requests, as a code generator declares it for an RPC framework.
type service struct {
	iface *types.Interface
	kind  Kind
}

// rpcFrameworks maps the packages that generated service code imports
// to the framework they stand for. A generated interface is a service
// only in a package that imports one of them, so that the interfaces
// that sqlc, ent or mockgen generate, with New functions of their own,
// are not.
var rpcFrameworks = map[string]Kind{
	"google.golang.org/grpc":                        GRPC,
	"connectrpc.com/connect":                        Connect,
	"github.com/bufbuild/connect-go":                Connect,
	"github.com/twitchtv/twirp":                     Twirp,
	"github.com/go-kratos/kratos/v2/transport/http": Kratos,
	"github.com/99designs/gqlgen/graphql":           GraphQL,
	"go-micro.dev/v4/server":                        Micro,
	"go-micro.dev/v5/server":                        Micro,
	"github.com/micro/go-micro/v2/server":           Micro,
	"github.com/asim/go-micro/v3/server":            Micro,
}

// addServices records the service interfaces of pkg:
//   - the interfaces XxxServer for which pkg also declares a function
//     RegisterXxxServer, as protoc-gen-go-grpc generates them;
//   - the interfaces declared in a generated file of a package that
//     imports an RPC framework, when the package also declares a
//     function named Register… or New… that takes the interface, in a
//     parameter or through the fields and methods of one (gqlgen's
//     NewExecutableSchema takes a Config whose ResolverRoot returns each
//     XxxResolver), and the interface is shaped like a service (see
//     isServiceShaped).
func (f *Finder) addServices(pkg *types.Package) {
	if f.seen[pkg] {
		return
	}
	f.seen[pkg] = true
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
			f.services = append(f.services, service{iface, GRPC})
		}
	}
	kind, ok := frameworkOf(pkg)
	if !ok {
		return
	}
	served := make(map[*types.TypeName]bool)
	for _, name := range scope.Names() {
		fn, ok := scope.Lookup(name).(*types.Func)
		if !ok || !strings.HasPrefix(name, "Register") && !strings.HasPrefix(name, "New") {
			continue
		}
		params := fn.Signature().Params()
		for i := range params.Len() {
			collectInterfaces(params.At(i).Type(), pkg, 2, served)
		}
	}
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || !served[tn] || !isServiceShaped(tn) || !f.generated(tn.Pos()) {
			continue
		}
		f.services = append(f.services, service{tn.Type().Underlying().(*types.Interface), kind})
	}
}

// isServiceShaped reports whether the interface tn looks like the server
// side of an RPC service: every method takes a context.Context first,
// and its name does not say it is a client. Generated packages also
// declare interfaces that their constructors take for the client side
// (Twirp's HTTPClient, grpc-gateway's XxxClient in
// RegisterXxxHandlerClient), whose implementations send requests rather
// than serve them.
func isServiceShaped(tn *types.TypeName) bool {
	if strings.HasSuffix(tn.Name(), "Client") {
		return false
	}
	for m := range tn.Type().Underlying().(*types.Interface).Methods() {
		params := m.Signature().Params()
		if params.Len() == 0 {
			return false
		}
		if name, ok := nameOf(params.At(0).Type()); !ok || name != (typeName{"context", "Context"}) {
			return false
		}
	}
	return true
}

// frameworkOf returns the RPC framework that pkg imports, if any. A
// package loaded from export data lists only the imports that its
// exported API mentions; generated code mentions its framework there
// (gRPC's ServiceRegistrar, connect's HandlerOption, Twirp's
// ClientOption).
func frameworkOf(pkg *types.Package) (Kind, bool) {
	for _, imp := range pkg.Imports() {
		if kind, ok := rpcFrameworks[imp.Path()]; ok {
			return kind, true
		}
	}
	return "", false
}

// collectInterfaces adds to found the named interfaces with methods,
// declared in pkg, that a value of type t is or holds: through struct
// fields and the results of methods that take nothing, depth steps
// deep.
func collectInterfaces(t types.Type, pkg *types.Package, depth int, found map[*types.TypeName]bool) {
	named, ok := deref(t).(*types.Named)
	if !ok || named.Obj().Pkg() != pkg || found[named.Obj()] {
		return
	}
	switch u := named.Underlying().(type) {
	case *types.Interface:
		if u.NumMethods() == 0 {
			return
		}
		found[named.Obj()] = true
		if depth == 0 {
			return
		}
		for m := range u.Methods() {
			sig := m.Signature()
			if sig.Params().Len() == 0 && sig.Results().Len() == 1 {
				collectInterfaces(sig.Results().At(0).Type(), pkg, depth-1, found)
			}
		}
	case *types.Struct:
		if depth == 0 {
			return
		}
		for field := range u.Fields() {
			collectInterfaces(field.Type(), pkg, depth-1, found)
		}
	}
}

// generatedFiles caches, per file name, whether the file says it was
// generated.
var generatedFiles sync.Map // string → bool

// generated reports whether the file declaring pos says it was
// generated (https://go.dev/s/generatedcode). The file is read up to
// its package clause; a file that cannot be read is taken as written
// by hand.
func (f *Finder) generated(pos token.Pos) bool {
	if !pos.IsValid() {
		return false
	}
	name := f.fset.File(pos).Name()
	if g, ok := generatedFiles.Load(name); ok {
		return g.(bool)
	}
	g := readGenerated(name)
	generatedFiles.Store(name, g)
	return g
}

func readGenerated(name string) bool {
	file, err := os.Open(name)
	if err != nil {
		return false
	}
	defer file.Close() //nolint:errcheck // read only: closing cannot lose data
	var header strings.Builder
	sc := bufio.NewScanner(file)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "package ") {
			break
		}
		header.WriteString(line)
		header.WriteByte('\n')
	}
	header.WriteString("package p\n")
	parsed, err := parser.ParseFile(token.NewFileSet(), name, header.String(), parser.PackageClauseOnly|parser.ParseComments)
	return err == nil && ast.IsGenerated(parsed)
}

// embedsServiceStub reports whether method is declared on a struct
// that embeds a generated UnimplementedXxxServer (gRPC) or
// UnimplementedXxxHandler (connect) with a method of the same name,
// that is, whether method implements a service method, and of which
// framework.
func embedsServiceStub(method *types.Func) (Kind, bool) {
	recv := method.Signature().Recv()
	if recv == nil {
		return "", false
	}
	st, ok := deref(recv.Type()).Underlying().(*types.Struct)
	if !ok {
		return "", false
	}
	for field := range st.Fields() {
		if !field.Embedded() {
			continue
		}
		name, ok := nameOf(field.Type())
		if !ok || !strings.HasPrefix(name.name, "Unimplemented") ||
			!strings.HasSuffix(name.name, "Server") && !strings.HasSuffix(name.name, "Handler") {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(field.Type(), true, method.Pkg(), method.Name())
		if _, ok := obj.(*types.Func); ok {
			if strings.HasSuffix(name.name, "Handler") {
				return Connect, true
			}
			return GRPC, true
		}
	}
	return "", false
}

// implementsService reports whether method's receiver type implements
// a known service interface that has a method of the same name, and of
// which framework.
func (f *Finder) implementsService(method *types.Func) (Kind, bool) {
	recv := method.Signature().Recv().Type()
	if ptr, ok := types.Unalias(recv).(*types.Pointer); ok {
		recv = ptr.Elem()
	}
	if types.IsInterface(recv) {
		return "", false
	}
	ptr := types.NewPointer(recv)
	for _, s := range f.services {
		has := false
		for m := range s.iface.Methods() {
			if m.Name() == method.Name() {
				has = true
				break
			}
		}
		if has && (types.Implements(recv, s.iface) || types.Implements(ptr, s.iface)) {
			return s.kind, true
		}
	}
	return "", false
}
