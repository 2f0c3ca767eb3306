package fix

import (
	"go/types"
)

// maxRequestDepth bounds how many selections away from a parameter
// requestSelector looks for the request: as far as the request-type
// rule of package roots looks.
const maxRequestDepth = 3

// requestSelector returns the selections, such as ".Request" or
// ".Request()", or none for an *http.Request itself, that reach an *http.Request from a value of type t in
// code of package from, through fields (promoted ones by their own
// name) and methods that take nothing and return one thing; the
// shortest, then the first in declaration order. ok is false if there
// is none within maxRequestDepth selections.
func requestSelector(t types.Type, from *types.Package) (sel string, ok bool) {
	return selectorTo(t, from, func(t types.Type) bool { return isPtrTo(t, "net/http", "Request") })
}

// writerSelector is requestSelector for a value that implements
// http.ResponseWriter, in code of package from, which must import
// net/http somewhere in its dependencies.
func writerSelector(t types.Type, from *types.Package) (sel string, ok bool) {
	w := responseWriter(from)
	if w == nil {
		return "", false
	}
	return selectorTo(t, from, func(t types.Type) bool { return types.Implements(t, w) })
}

// responseWriter returns the http.ResponseWriter interface as the
// dependencies of package from see it, or nil if none imports net/http.
func responseWriter(from *types.Package) *types.Interface {
	seen := make(map[*types.Package]bool)
	queue := []*types.Package{from}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p.Path() == "net/http" {
			if obj, ok := p.Scope().Lookup("ResponseWriter").(*types.TypeName); ok {
				iface, _ := obj.Type().Underlying().(*types.Interface)
				return iface
			}
			return nil
		}
		for _, imp := range p.Imports() {
			if !seen[imp] {
				seen[imp] = true
				queue = append(queue, imp)
			}
		}
	}
	return nil
}

// selectorTo returns the shortest selections that reach a value whose
// type satisfies match from a value of type t, as requestSelector
// describes.
func selectorTo(t types.Type, from *types.Package, match func(types.Type) bool) (sel string, ok bool) {
	if match(t) {
		return "", true
	}
	type step struct {
		t   types.Type
		sel string
	}
	level := []step{{t, ""}}
	seen := make(map[types.Type]bool)
	for range maxRequestDepth {
		var next []step
		for _, s := range level {
			for _, name := range selectable(s.t) {
				obj, _, _ := types.LookupFieldOrMethod(s.t, true, from, name)
				var result types.Type
				sel := s.sel + "." + name
				switch obj := obj.(type) {
				case *types.Var:
					result = obj.Type()
				case *types.Func:
					sig := obj.Signature()
					if sig.Params().Len() != 0 || sig.Results().Len() != 1 {
						continue
					}
					result = sig.Results().At(0).Type()
					sel += "()"
				default:
					continue // not accessible from here, or ambiguous
				}
				if match(result) {
					return sel, true
				}
				if !seen[result] {
					seen[result] = true
					next = append(next, step{result, sel})
				}
			}
		}
		level = next
	}
	return "", false
}

// selectable returns the names that a selector on a value of type t may
// use: its fields, those it promotes from embedded structs, and its
// methods, in declaration order.
func selectable(t types.Type) []string {
	var names []string
	seen := make(map[string]bool)
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	var fields func(t types.Type, depth int)
	fields = func(t types.Type, depth int) {
		if ptr, ok := types.Unalias(t).(*types.Pointer); ok {
			t = ptr.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || depth > maxRequestDepth {
			return
		}
		for f := range st.Fields() {
			add(f.Name())
			if f.Embedded() {
				fields(f.Type(), depth+1)
			}
		}
	}
	fields(t, 0)
	mset := types.NewMethodSet(t)
	if _, ok := types.Unalias(t).(*types.Pointer); !ok && !types.IsInterface(t) {
		mset = types.NewMethodSet(types.NewPointer(t))
	}
	for sel := range mset.Methods() {
		add(sel.Obj().Name())
	}
	return names
}

// isPtrTo reports whether t is a pointer to the named type path.name.
func isPtrTo(t types.Type, path, name string) bool {
	ptr, ok := types.Unalias(t).(*types.Pointer)
	return ok && isNamed(ptr.Elem(), path, name)
}
