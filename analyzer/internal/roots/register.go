package roots

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A registration is a call that registers the function in one of its
// arguments as a request handler.
type registration struct {
	arg  int
	kind Kind
}

// registrations lists, by full name, the registration calls whose
// handlers' parameters do not say that they serve requests.
var registrations = map[string]registration{
	"github.com/danielgtaylor/huma/v2.Register": {2, Huma},
	"github.com/danielgtaylor/huma/v2.Get":      {2, Huma},
	"github.com/danielgtaylor/huma/v2.Post":     {2, Huma},
	"github.com/danielgtaylor/huma/v2.Put":      {2, Huma},
	"github.com/danielgtaylor/huma/v2.Patch":    {2, Huma},
	"github.com/danielgtaylor/huma/v2.Delete":   {2, Huma},
	"github.com/danielgtaylor/huma/v2.Head":     {2, Huma},
	// An AWS Lambda function handles one invocation at a time per
	// execution environment, so a heavy call there slows only its own
	// invocation: these are roots only when asked for.
	"github.com/aws/aws-lambda-go/lambda.Start":                 {0, Lambda},
	"github.com/aws/aws-lambda-go/lambda.StartWithOptions":      {0, Lambda},
	"github.com/aws/aws-lambda-go/lambda.StartWithContext":      {1, Lambda},
	"github.com/aws/aws-lambda-go/lambda.StartHandlerFunc":      {0, Lambda},
	"github.com/aws/aws-lambda-go/lambda.NewHandler":            {0, Lambda},
	"github.com/aws/aws-lambda-go/lambda.NewHandlerWithOptions": {0, Lambda},
}

// addRegistered adds to kinds the functions of funcs that a call in
// funcs registers as handlers. A handler declared in another package
// is not seen here (whole-program mode sees it).
func (f *Finder) addRegistered(funcs []*ssa.Function, kinds map[*ssa.Function]Kind) {
	declared := make(map[*ssa.Function]bool, len(funcs))
	for _, fn := range funcs {
		declared[fn] = true
	}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				reg, ok := registrationOf(call.Common())
				if !ok || reg.kind == Lambda && !f.lambda || reg.arg >= len(call.Common().Args) {
					continue
				}
				handler := FuncOf(call.Common().Args[reg.arg])
				if handler == nil || !declared[handler] {
					continue
				}
				if _, ok := kinds[handler]; !ok {
					kinds[handler] = reg.kind
				}
				delete(f.notRoots, handler)
			}
		}
	}
}

// registrationOf returns the registration that call makes, if any.
func registrationOf(call *ssa.CallCommon) (registration, bool) {
	callee := call.StaticCallee()
	if callee == nil {
		return registration{}, false
	}
	if origin := callee.Origin(); origin != nil {
		callee = origin
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok {
		return registration{}, false
	}
	reg, ok := registrations[obj.FullName()]
	return reg, ok
}

// FuncOf returns the source function that v, an argument, denotes: a
// declared function, a function literal, or the method of a method
// value; nil if it is not one of those.
func FuncOf(v ssa.Value) *ssa.Function {
	for {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
			continue
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.MakeClosure:
			v = x.Fn
			continue
		case *ssa.Function:
			if obj, ok := x.Object().(*types.Func); ok && x.Synthetic != "" {
				// A method value's bound wrapper, or an instance.
				if target := x.Prog.FuncValue(obj); target != nil {
					return target
				}
			}
			if origin := x.Origin(); origin != nil {
				return origin
			}
			return x
		}
		return nil
	}
}

// dropBackground removes from kinds the functions that a parameter rule
// found but that no request runs, judging by how their package uses
// them:
//
//   - A function that the request-type rule alone found and that is
//     only ever called, in funcs, from functions that are not roots,
//     such as a job that main starts and that builds a request event of
//     its own. (net/http's pair of parameters or a framework's request
//     type is rarely anything but a handler's: that rule is not
//     applied to them.)
//   - A function found by its parameters, that no other package can
//     call (unexported, or in package main; any function when funcs are
//     the whole program's), and that every reference starts with a go
//     statement: it runs in the background, and the goroutine rules of
//     its callers decide whether a request waits for it
//     (bench/corpus/TRIAGE.md, F5).
//
// A function used as a value (passed to a router, stored in a table)
// or referred to nowhere in the package stays a root.
func (f *Finder) dropBackground(funcs []*ssa.Function, kinds map[*ssa.Function]Kind, rules map[*ssa.Function]rule) {
	candidates := make(map[*ssa.Function]bool)
	for fn, how := range rules {
		if how != byOther {
			candidates[fn] = true
		}
	}
	if len(candidates) == 0 {
		return
	}
	callers := make(map[*ssa.Function][]*ssa.Function)
	escapes := make(map[*ssa.Function]bool)
	called := make(map[*ssa.Function]bool) // by a call that is not a go statement
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var rands [8]*ssa.Value
				for i, op := range instr.Operands(rands[:0]) {
					callee, ok := (*op).(*ssa.Function)
					if !ok || !candidates[callee] {
						continue
					}
					call, ok := instr.(ssa.CallInstruction)
					if !ok || i != 0 || call.Common().IsInvoke() {
						escapes[callee] = true
						continue
					}
					callers[callee] = append(callers[callee], fn)
					if _, isGo := instr.(*ssa.Go); !isGo {
						called[callee] = true
					}
				}
			}
		}
	}
	for _, fn := range funcs {
		if candidates[fn] && !escapes[fn] && !called[fn] && len(callers[fn]) > 0 && (f.wholeProgram || !exported(fn)) {
			delete(kinds, fn)
			f.notRoots[fn] = true
		}
	}
	isRoot := func(fn *ssa.Function) bool {
		for ; fn != nil; fn = fn.Parent() {
			if _, ok := kinds[fn]; ok {
				return true
			}
		}
		return false
	}
	for changed := true; changed; {
		changed = false
		for _, fn := range funcs {
			if rules[fn] != byShape || escapes[fn] || len(callers[fn]) == 0 {
				continue
			}
			if _, ok := kinds[fn]; !ok {
				continue
			}
			background := true
			for _, caller := range callers[fn] {
				if caller != fn && isRoot(caller) {
					background = false
					break
				}
			}
			if background {
				delete(kinds, fn)
				f.notRoots[fn] = true
				changed = true
			}
		}
	}
}

// exported reports whether another package can call fn: an exported
// function or method of a package other than main.
func exported(fn *ssa.Function) bool {
	if fn.Parent() != nil || fn.Pkg == nil || fn.Pkg.Pkg.Name() == "main" {
		return false
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || !obj.Exported() {
		return false
	}
	if recv := obj.Signature().Recv(); recv != nil {
		name, ok := nameOf(recv.Type())
		return ok && token.IsExported(name.name)
	}
	return true
}

// A funcPattern names a function, a method, or every method of a type.
type funcPattern struct {
	pkg, recv, name string // recv is "" for a function; name "*" for every method
}

// parseFuncPattern parses "pkg.Func", "(pkg.Type).Method",
// "(*pkg.Type).Method" or "(*pkg.Type).*".
func parseFuncPattern(s string) (funcPattern, bool) {
	if rest, ok := strings.CutPrefix(s, "("); ok {
		recv, method, ok := strings.Cut(rest, ").")
		recv = strings.TrimPrefix(recv, "*")
		i := strings.LastIndexByte(recv, '.')
		if !ok || i <= 0 || method == "" {
			return funcPattern{}, false
		}
		return funcPattern{pkg: recv[:i], recv: recv[i+1:], name: method}, true
	}
	i := strings.LastIndexByte(s, '.')
	if i <= 0 || i <= strings.LastIndexByte(s, '/') {
		return funcPattern{}, false
	}
	return funcPattern{pkg: s[:i], name: s[i+1:]}, true
}

// configured reports whether fn is named by a pattern of the roots
// option.
func (f *Finder) configured(fn *types.Func) bool {
	return matches(f.named, fn)
}

// matches reports whether a pattern of patterns names fn.
func matches(patterns []funcPattern, fn *types.Func) bool {
	if len(patterns) == 0 || fn.Pkg() == nil {
		return false
	}
	var recv string
	if r := fn.Signature().Recv(); r != nil {
		name, ok := nameOf(r.Type())
		if !ok {
			return false
		}
		recv = name.name
	}
	for _, p := range patterns {
		if p.pkg == fn.Pkg().Path() && p.recv == recv && (p.name == fn.Name() || recv != "" && p.name == "*" && fn.Exported()) {
			return true
		}
	}
	return false
}

// isIgnored reports whether fn is named by a pattern of the Ignore
// option: by its own name, or as a method that implements an interface
// method so named.
func (f *Finder) isIgnored(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	if len(f.ignored) == 0 || !ok || obj.Pkg() == nil {
		return false
	}
	if matches(f.ignored, obj) {
		return true
	}
	recv := obj.Signature().Recv()
	if recv == nil {
		return false
	}
	for _, p := range f.ignored {
		if p.recv == "" || p.name != "*" && p.name != obj.Name() {
			continue
		}
		iface := f.lookupInterface(obj.Pkg(), p)
		if iface == nil || iface.NumMethods() == 0 {
			continue
		}
		if m, _, _ := types.LookupFieldOrMethod(iface, false, obj.Pkg(), obj.Name()); m == nil {
			continue // not one of the interface's methods
		}
		// A method of T implements the interface if T or *T does.
		if types.Implements(recv.Type(), iface) || types.Implements(types.NewPointer(deref(recv.Type())), iface) {
			return true
		}
	}
	return false
}

// lookupInterface returns the interface type that p's receiver names,
// looked up in pkg and the packages it imports, directly or not; nil if
// there is none.
func (f *Finder) lookupInterface(pkg *types.Package, p funcPattern) *types.Interface {
	key := interfaceKey{pkg, p.pkg, p.recv}
	if iface, ok := f.interfaces[key]; ok {
		return iface
	}
	iface := findInterface(pkg, p.pkg, p.recv)
	f.interfaces[key] = iface
	return iface
}

// An interfaceKey is a lookup of lookupInterface.
type interfaceKey struct {
	from       *types.Package
	path, name string
}

// findInterface returns the interface type path.name, looked up in pkg
// and the packages it imports, directly or not; nil if there is none.
func findInterface(pkg *types.Package, path, name string) *types.Interface {
	seen := make(map[*types.Package]bool)
	var find func(p *types.Package) *types.Interface
	find = func(p *types.Package) *types.Interface {
		if seen[p] {
			return nil
		}
		seen[p] = true
		if p.Path() == path {
			if tn, ok := p.Scope().Lookup(name).(*types.TypeName); ok {
				iface, _ := tn.Type().Underlying().(*types.Interface)
				return iface
			}
			return nil
		}
		for _, imp := range p.Imports() {
			if iface := find(imp); iface != nil {
				return iface
			}
		}
		return nil
	}
	return find(pkg)
}

// CheckNames reports the first of names, in the form of the roots
// option, that names a function or type of pkg that pkg does not
// declare.
func CheckNames(pkg *types.Package, names []string) error {
	for _, name := range names {
		p, ok := parseFuncPattern(name)
		if !ok || p.pkg != pkg.Path() {
			continue
		}
		if p.recv == "" {
			if _, ok := pkg.Scope().Lookup(p.name).(*types.Func); !ok {
				return fmt.Errorf("roots: %s declares no function %s", pkg.Path(), p.name)
			}
			continue
		}
		tn, ok := pkg.Scope().Lookup(p.recv).(*types.TypeName)
		if !ok {
			return fmt.Errorf("roots: %s declares no type %s", pkg.Path(), p.recv)
		}
		if p.name == "*" {
			continue
		}
		if obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), false, pkg, p.name); obj == nil {
			return fmt.Errorf("roots: %s.%s has no method %s", pkg.Path(), p.recv, p.name)
		}
	}
	return nil
}
