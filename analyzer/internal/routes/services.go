package routes

import (
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Generated services register every method of an interface at once:
// gRPC's RegisterXxxServer(s, impl), connect's NewXxxHandler(impl) and
// Twirp's NewXxxServer(impl). Their routes are the full method names,
// which the generated package declares as constants
// (Xxx_Method_FullMethodName, XxxMethodProcedure, XxxPathPrefix); where
// it does not, the proto package is shown as "?".

// A serviceKind says which generator wrote a constructor.
type serviceKind struct {
	framework string
	iface     *types.TypeName // the service interface
	impl      int             // the argument that implements it
}

// serviceConstructor reports whether call registers a generated
// service, and which.
func serviceConstructor(call *ssa.CallCommon) (serviceKind, bool) {
	callee := call.StaticCallee()
	if callee == nil || callee.Signature.Recv() != nil {
		return serviceKind{}, false
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return serviceKind{}, false
	}
	pkg, name, params := obj.Pkg(), obj.Name(), obj.Signature().Params()
	iface := func(i int, want string) *types.TypeName {
		if i >= params.Len() {
			return nil
		}
		named, ok := types.Unalias(params.At(i).Type()).(*types.Named)
		if !ok || named.Obj().Pkg() != pkg || named.Obj().Name() != want || !types.IsInterface(named) {
			return nil
		}
		return named.Obj()
	}
	switch {
	case strings.HasPrefix(name, "Register") && strings.HasSuffix(name, "Server") && params.Len() == 2:
		if tn := iface(1, strings.TrimPrefix(name, "Register")); tn != nil {
			return serviceKind{"grpc", tn, 1}, true
		}
	case strings.HasPrefix(name, "New") && strings.HasSuffix(name, "Handler") && imports(pkg, "connectrpc.com/connect", "github.com/bufbuild/connect-go"):
		if tn := iface(0, strings.TrimPrefix(name, "New")); tn != nil {
			return serviceKind{"connect", tn, 0}, true
		}
	case strings.HasPrefix(name, "New") && strings.HasSuffix(name, "Server") && imports(pkg, "github.com/twitchtv/twirp"):
		if tn := iface(0, strings.TrimSuffix(strings.TrimPrefix(name, "New"), "Server")); tn != nil {
			return serviceKind{"twirp", tn, 0}, true
		}
	}
	return serviceKind{}, false
}

// imports reports whether pkg imports one of paths.
func imports(pkg *types.Package, paths ...string) bool {
	for _, imp := range pkg.Imports() {
		for _, p := range paths {
			if imp.Path() == p {
				return true
			}
		}
	}
	return false
}

// serviceRoutes returns the routes of the service that call registers,
// one per exported method of its interface, and whether it registers
// one at all.
func (f *finder) serviceRoutes(call ssa.CallInstruction) ([]Route, bool) {
	kind, ok := serviceConstructor(call.Common())
	if !ok {
		return nil, false
	}
	args := call.Common().Args
	if kind.impl >= len(args) {
		return nil, true
	}
	impl := f.concrete(args[kind.impl], 0)
	iface := kind.iface.Type().Underlying().(*types.Interface)
	var routes []Route
	for m := range iface.Methods() {
		if !m.Exported() {
			continue // mustEmbedUnimplementedXxxServer
		}
		r := Route{Pattern: fullMethod(kind, m.Name()), Framework: kind.framework, Pos: call.Pos()}
		if kind.framework == "twirp" {
			r.Method = "POST"
		}
		if impl != nil {
			fn := methodNamed(impl, m.Name(), call.Parent().Prog)
			if fn == nil || Unimplemented(fn) {
				continue // the generated stub answers Unimplemented
			}
			r.Handler = fn
		} else {
			r.Unresolved = exprText(args[kind.impl], 2) + "." + m.Name()
		}
		routes = append(routes, r)
	}
	return routes, true
}

// concrete returns the concrete type of the value that v, an interface,
// holds: made here, or stored in the variable, field or global that v
// is loaded from, when every store agrees; nil if it is not known.
func (f *finder) concrete(v ssa.Value, depth int) types.Type {
	if depth > maxDepth {
		return nil
	}
	switch x := v.(type) {
	case *ssa.MakeInterface:
		return x.X.Type()
	case *ssa.ChangeInterface:
		return f.concrete(x.X, depth+1)
	case *ssa.UnOp:
		var t types.Type
		for _, val := range f.storedIn(x) {
			c := f.concrete(val, depth+1)
			if c == nil || t != nil && !types.Identical(c, t) {
				return nil
			}
			t = c
		}
		return t
	}
	return nil
}

// Unimplemented reports whether fn is a method of a generated
// UnimplementedXxx type, which answers that the method is not
// implemented.
func Unimplemented(fn *ssa.Function) bool {
	recv := fn.Signature.Recv()
	if recv == nil {
		return false
	}
	name, ok := typeKey(recv.Type())
	return ok && strings.HasPrefix(name[strings.LastIndexByte(name, '.')+1:], "Unimplemented")
}

// fullMethod returns the route of method of the service of kind, from
// the constants of its generated package.
func fullMethod(kind serviceKind, method string) string {
	scope := kind.iface.Pkg().Scope()
	lookup := func(name string) (string, bool) {
		c, ok := scope.Lookup(name).(*types.Const)
		if !ok || c.Val().Kind() != constant.String {
			return "", false
		}
		return constant.StringVal(c.Val()), true
	}
	switch kind.framework {
	case "grpc":
		svc := strings.TrimSuffix(kind.iface.Name(), "Server")
		if s, ok := lookup(svc + "_" + method + "_FullMethodName"); ok {
			return s
		}
		return "/?." + svc + "/" + method
	case "connect":
		svc := strings.TrimSuffix(kind.iface.Name(), "Handler")
		if s, ok := lookup(svc + method + "Procedure"); ok {
			return s
		}
		if s, ok := lookup(svc + "Name"); ok {
			return "/" + s + "/" + method
		}
		return "/?." + svc + "/" + method
	default: // twirp
		svc := kind.iface.Name()
		if s, ok := lookup(svc + "PathPrefix"); ok {
			return s + method
		}
		return "/twirp/?." + svc + "/" + method
	}
}
