package program

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/packages"
)

// An Index finds, from the typed syntax of a program's packages and
// before any SSA is built, a superset of the functions that the
// analysis may follow (see reachable), so that the bodies of the
// others are left out of the syntax that is type-checked and built the
// second time (see [Index.Trim]). Most of a dependency is code that the
// program never runs, and its bodies, their SSA form and the type
// checker's scopes for them were most of what whole-program mode held.
//
// A function is kept when a function kept uses it: calls it, or takes
// its value or a method value of it. Every method of a named type is
// kept when a function kept converts a value of the type, or of a
// pointer to it or a struct that embeds it, to an interface or a type
// parameter, or gives it as a type argument: reachable adds the methods
// of what is converted to an interface, and go/ssa converts only where
// the syntax does, or in an instance of a generic function, which
// converts values of its type arguments. (Nothing is converted by a
// store to a blank variable, as in var _ I = (*T)(nil).) Kept at the
// start are the functions of the packages under analysis, the
// initialisation of every package, every generic function (its
// instances are built from its body), and every function that assigns
// a package-level variable of a basic type or takes its address
// (summary.Constants decides from all the bodies that do whether the
// variable holds a constant).
type Index struct {
	mu    sync.Mutex
	ids   map[string]int32 // by key (see funcKey and typeKey)
	out   [][]int32        // by id: what keeping it keeps
	seeds []int32

	once sync.Once
	kept map[string]bool // by key, once reached has run

	// bodies and dropped count the bodies Trim saw and dropped.
	bodies, dropped atomic.Int64
}

// Dropped returns how many function bodies Trim has seen, and how many
// of them it dropped.
func (ix *Index) Dropped() (bodies, dropped int64) {
	return ix.bodies.Load(), ix.dropped.Load()
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{ids: make(map[string]int32)}
}

// id returns the id of key, adding it if it is new. The caller holds
// ix.mu.
func (ix *Index) id(key string) int32 {
	id, ok := ix.ids[key]
	if !ok {
		id = int32(len(ix.out))
		ix.ids[key] = id
		ix.out = append(ix.out, nil)
	}
	return id
}

// Add indexes p, type-checked from files with the type information
// info, which must hold Types, Defs, Uses and Instances; without files
// it does nothing, as p is seen through its types only. A package whose
// Syntax is set is under analysis: all its functions are kept. Add
// must be called for every package that has files before [Index.Trim]
// is, and is safe to call concurrently.
func (ix *Index) Add(p *packages.Package, files []*ast.File, info *types.Info) error {
	if len(files) == 0 || p.Types == nil {
		return nil
	}
	g := newPackageGraph(p.Types, files, info, p.Syntax != nil)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ids := make([]int32, len(g.keys))
	for i, key := range g.keys {
		ids[i] = ix.id(key)
	}
	for i, to := range g.out {
		from := ids[i]
		for _, j := range to {
			ix.out[from] = append(ix.out[from], ids[j])
		}
	}
	for _, i := range g.seeds {
		ix.seeds = append(ix.seeds, ids[i])
	}
	return nil
}

// reached returns the keys of the functions and types kept.
func (ix *Index) reached() map[string]bool {
	ix.once.Do(func() {
		ix.mu.Lock()
		defer ix.mu.Unlock()
		seen := make([]bool, len(ix.out))
		queue := slices.Clone(ix.seeds)
		for _, id := range queue {
			seen[id] = true
		}
		for len(queue) > 0 {
			id := queue[len(queue)-1]
			queue = queue[:len(queue)-1]
			for _, to := range ix.out[id] {
				if !seen[to] {
					seen[to] = true
					queue = append(queue, to)
				}
			}
		}
		ix.kept = make(map[string]bool)
		for key, id := range ix.ids {
			if seen[id] {
				ix.kept[key] = true
			}
		}
		ix.ids, ix.out, ix.seeds = nil, nil, nil
	})
	return ix.kept
}

// Trim drops from files, the syntax of the package p not under
// analysis, parsed again but not yet type-checked, the bodies of the
// functions that the program cannot reach, by what was added to ix,
// and reports whether it dropped any: the imports that only those
// bodies used are then unused, which is no error here. Trim is safe to
// call concurrently, once every package has been added.
func (ix *Index) Trim(p *packages.Package, files []*ast.File) bool {
	kept := ix.reached()
	trimmed := false
	for _, file := range files {
		for _, decl := range file.Decls {
			if gen, ok := decl.(*ast.GenDecl); ok && gen.Tok == token.VAR {
				trimmed = emptyConstantLiterals(gen) || trimmed
				continue
			}
			decl, ok := decl.(*ast.FuncDecl)
			if !ok || decl.Body == nil || decl.Recv == nil && (decl.Name.Name == "init" || decl.Name.Name == "main") {
				continue
			}
			key := p.PkgPath + "." + decl.Name.Name
			if decl.Recv != nil {
				name := recvName(decl.Recv)
				if name == "" {
					continue
				}
				key = p.PkgPath + "." + name + "." + decl.Name.Name
			}
			ix.bodies.Add(1)
			if !kept[key] {
				decl.Body = nil
				trimmed = true
				ix.dropped.Add(1)
			}
		}
	}
	return trimmed
}

// emptyConstantLiterals drops the elements of the composite literals
// in the initialisers of decl that are made of basic literals only
// (a protocol buffer's descriptor, a Unicode table), of a type whose
// length they do not decide, and reports whether it dropped any.
// Storing constants of basic types calls nothing and converts nothing
// to an interface that has methods, and a package-level variable that
// holds a composite value is never a constant for summary.Constants,
// but go/ssa would store each element in turn in the package's
// initialisation: a descriptor of 10,000 bytes makes some 30,000
// instructions.
func emptyConstantLiterals(decl *ast.GenDecl) bool {
	emptied := false
	for _, spec := range decl.Specs {
		for _, v := range spec.(*ast.ValueSpec).Values {
			ast.Inspect(v, func(n ast.Node) bool {
				lit, ok := n.(*ast.CompositeLit)
				if !ok {
					return true
				}
				if arr, ok := lit.Type.(*ast.ArrayType); ok && arr.Len != nil {
					if _, ok := arr.Len.(*ast.Ellipsis); ok {
						return true // [...]T{…}: the elements make the type
					}
				}
				if len(lit.Elts) > 0 && !slices.ContainsFunc(lit.Elts, notBasic) {
					lit.Elts, emptied = nil, true
					return false
				}
				return true
			})
		}
	}
	return emptied
}

// notBasic reports whether e, an element of a composite literal, is
// not a basic literal, a negated one, or a key and value that both are.
func notBasic(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return false
	case *ast.UnaryExpr:
		_, ok := e.X.(*ast.BasicLit)
		return !ok || e.Op != token.SUB && e.Op != token.ADD
	case *ast.KeyValueExpr:
		return notBasic(e.Key) || notBasic(e.Value)
	}
	return true
}

// recvName returns the name of the type of the receiver recv, without
// pointer or type parameters; "" if it has none.
func recvName(recv *ast.FieldList) string {
	if len(recv.List) != 1 {
		return ""
	}
	t := recv.List[0].Type
	for {
		switch e := t.(type) {
		case *ast.StarExpr:
			t = e.X
		case *ast.ParenExpr:
			t = e.X
		case *ast.IndexExpr:
			t = e.X
		case *ast.IndexListExpr:
			t = e.X
		case *ast.Ident:
			return e.Name
		default:
			return ""
		}
	}
}

// funcKey returns the key of fn, a function or concrete method; "" for
// an interface's method, which has no body.
func funcKey(fn *types.Func) string {
	fn = fn.Origin()
	if fn.Pkg() == nil {
		return "" // error.Error
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Pkg().Path() + "." + fn.Name()
	}
	t := recv.Type()
	if ptr, ok := t.(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || types.IsInterface(named) {
		return ""
	}
	return fn.Pkg().Path() + "." + named.Origin().Obj().Name() + "." + fn.Name()
}

// typeKey returns the key of the package-level named type obj.
func typeKey(obj *types.TypeName) string {
	return obj.Pkg().Path() + "." + obj.Name()
}

// A packageGraph is what one package adds to an index: keys, by local
// id, what keeping each keeps, and the ids kept at the start.
type packageGraph struct {
	pkg   *types.Package
	ids   map[string]int
	keys  []string
	out   [][]int
	seeds []int

	// refs memoises typeRefs by type.
	refs map[types.Type][]int
}

// newPackageGraph indexes pkg, checked from files with info; all of its
// functions are seeds if analysed is set.
func newPackageGraph(pkg *types.Package, files []*ast.File, info *types.Info, analysed bool) *packageGraph {
	g := &packageGraph{pkg: pkg, ids: make(map[string]int), refs: make(map[types.Type][]int)}
	initNode := g.node(pkg.Path() + ".init")
	g.seeds = append(g.seeds, initNode)
	// Package-level types keep their methods, and the types they embed
	// (whose methods they promote).
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || obj.IsAlias() {
			continue
		}
		named, ok := obj.Type().(*types.Named)
		if !ok || types.IsInterface(named) {
			continue
		}
		node := g.node(typeKey(obj))
		for m := range named.Methods() {
			if key := funcKey(m); key != "" {
				g.edge(node, g.node(key))
			}
		}
		g.edges(node, g.embedded(named.Underlying()))
	}
	for _, file := range files {
		for _, decl := range file.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				fn, ok := info.Defs[decl.Name].(*types.Func)
				if !ok {
					continue
				}
				node := initNode
				if decl.Recv != nil || decl.Name.Name != "init" {
					key := funcKey(fn)
					if key == "" || decl.Name.Name == "_" {
						continue
					}
					node = g.node(key)
				}
				if sig := fn.Signature(); analysed || sig.TypeParams().Len() > 0 || sig.RecvTypeParams().Len() > 0 {
					g.seeds = append(g.seeds, node)
				}
				g.walk(node, decl, info)
			case *ast.GenDecl:
				// A variable's initialiser runs in the package's
				// initialisation; of a type's declaration, only its
				// type arguments count (see walk).
				g.walk(initNode, decl, info)
			}
		}
	}
	for i, to := range g.out {
		slices.Sort(to)
		g.out[i] = slices.Compact(to)
	}
	slices.Sort(g.seeds)
	g.seeds = slices.Compact(g.seeds)
	g.refs = nil
	return g
}

// walk adds to node what the declaration decl uses: the functions and
// methods it names, the methods of the types whose values it converts
// to an interface or a type parameter, or gives as type arguments; and
// makes node a seed if decl assigns a package-level variable of a basic
// type, or takes its address.
func (g *packageGraph) walk(node int, decl ast.Decl, info *types.Info) {
	// convert records that the value of e is converted to the type
	// dst, which is an interface or a type parameter.
	convert := func(dst types.Type, e ast.Expr) {
		if dst == nil || !types.IsInterface(dst) {
			return
		}
		tv, ok := info.Types[e]
		if !ok || tv.Type == nil || types.IsInterface(tv.Type) && !isTypeParam(tv.Type) {
			return
		}
		g.edges(node, g.methodSets(tv.Type))
	}
	// converts records the conversions of the values of es to the
	// types dsts, one each, or, for a single tuple-valued es, of its
	// elements.
	converts := func(dsts func(i int) types.Type, es []ast.Expr) {
		if len(es) == 1 {
			if tuple, ok := info.Types[es[0]].Type.(*types.Tuple); ok {
				for i := range tuple.Len() {
					if dst := dsts(i); dst != nil && types.IsInterface(dst) && !types.IsInterface(tuple.At(i).Type()) {
						g.edges(node, g.methodSets(tuple.At(i).Type()))
					}
				}
				return
			}
		}
		for i, e := range es {
			convert(dsts(i), e)
		}
	}
	typeOf := func(e ast.Expr) types.Type {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if obj := info.ObjectOf(id); obj != nil {
				return obj.Type()
			}
			return nil // blank
		}
		return info.TypeOf(e)
	}
	// written makes node a seed if e is a package-level variable of a
	// basic type, which summary.Constants would see assigned.
	written := func(e ast.Expr) {
		var id *ast.Ident
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			id = e
		case *ast.SelectorExpr:
			id = e.Sel
		default:
			return
		}
		if v, ok := info.Uses[id].(*types.Var); ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			if _, basic := v.Type().Underlying().(*types.Basic); basic {
				g.seeds = append(g.seeds, node)
			}
		}
	}
	var stack []ast.Node // of the nodes being inspected
	results := func() *types.Tuple {
		for i := len(stack) - 1; i >= 0; i-- {
			switch n := stack[i].(type) {
			case *ast.FuncLit:
				if sig, ok := info.TypeOf(n).(*types.Signature); ok {
					return sig.Results()
				}
				return nil
			case *ast.FuncDecl:
				if fn, ok := info.Defs[n.Name].(*types.Func); ok {
					return fn.Signature().Results()
				}
				return nil
			}
		}
		return nil
	}
	ast.Inspect(decl, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.Ident:
			if fn, ok := info.Uses[n].(*types.Func); ok {
				if key := funcKey(fn); key != "" {
					g.edge(node, g.node(key))
				}
			}
			if inst, ok := info.Instances[n]; ok {
				// An instance may convert a value of a type
				// argument to an interface.
				for t := range inst.TypeArgs.Types() {
					g.edges(node, g.methodSets(t))
				}
			}
		case *ast.CallExpr:
			tv := info.Types[n.Fun]
			if tv.IsType() {
				if len(n.Args) == 1 {
					convert(tv.Type, n.Args[0])
				}
				break
			}
			sig, ok := types.Unalias(tv.Type).Underlying().(*types.Signature)
			if !ok {
				break
			}
			params := sig.Params()
			converts(func(i int) types.Type {
				switch {
				case sig.Variadic() && i >= params.Len()-1 && !n.Ellipsis.IsValid():
					if s, ok := params.At(params.Len() - 1).Type().Underlying().(*types.Slice); ok {
						return s.Elem()
					}
					return nil
				case i < params.Len():
					return params.At(i).Type()
				}
				return nil
			}, n.Args)
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if n.Tok != token.DEFINE {
					written(lhs)
				}
			}
			converts(func(i int) types.Type {
				if i < len(n.Lhs) {
					return typeOf(n.Lhs[i])
				}
				return nil
			}, n.Rhs)
		case *ast.ValueSpec:
			// go/ssa converts no value stored to a blank variable
			// (var _ I = (*T)(nil)).
			if n.Type != nil {
				t := info.TypeOf(n.Type)
				converts(func(i int) types.Type {
					if i < len(n.Names) && n.Names[i].Name != "_" {
						return t
					}
					return nil
				}, n.Values)
			}
		case *ast.ReturnStmt:
			if res := results(); res != nil {
				converts(func(i int) types.Type {
					if i < res.Len() {
						return res.At(i).Type()
					}
					return nil
				}, n.Results)
			}
		case *ast.CompositeLit:
			compositeLit(n, info, convert)
		case *ast.SendStmt:
			if ch, ok := typeOf(n.Chan).Underlying().(*types.Chan); ok {
				convert(ch.Elem(), n.Value)
			}
		case *ast.BinaryExpr:
			if n.Op == token.EQL || n.Op == token.NEQ {
				convert(typeOf(n.X), n.Y)
				convert(typeOf(n.Y), n.X)
			}
		case *ast.SwitchStmt:
			if n.Tag != nil {
				for _, c := range n.Body.List {
					for _, e := range c.(*ast.CaseClause).List {
						convert(typeOf(n.Tag), e)
						convert(typeOf(e), n.Tag)
					}
				}
			}
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if e != nil {
						written(e)
						if t := typeOf(e); t != nil && types.IsInterface(t) {
							g.edges(node, g.typeRefs(typeOf(n.X)))
						}
					}
				}
			}
		case *ast.IncDecStmt:
			written(n.X)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				written(n.X)
			}
		case *ast.SelectorExpr:
			if sel, ok := info.Selections[n]; ok && sel.Kind() != types.FieldVal {
				if recv := sel.Obj().(*types.Func).Signature().Recv(); recv != nil {
					if _, ptr := recv.Type().(*types.Pointer); ptr {
						written(n.X)
					}
				}
			}
		}
		return true
	})
}

// compositeLit records with convert the conversions of the elements of
// lit, a composite literal, to the types of the fields, elements or
// keys they go to; to any if lit's type is a type parameter's.
func compositeLit(lit *ast.CompositeLit, info *types.Info, convert func(types.Type, ast.Expr)) {
	t := info.TypeOf(lit)
	if t == nil {
		return
	}
	if ptr, ok := t.Underlying().(*types.Pointer); ok { // &T{} elided in a literal of *T
		t = ptr.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i, e := range lit.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if key, ok := kv.Key.(*ast.Ident); ok {
					if f, ok := info.Uses[key].(*types.Var); ok {
						convert(f.Type(), kv.Value)
					}
				}
				continue
			}
			if i < u.NumFields() {
				convert(u.Field(i).Type(), e)
			}
		}
	case *types.Array, *types.Slice, *types.Map:
		var key, elem types.Type
		switch u := u.(type) {
		case *types.Array:
			elem = u.Elem()
		case *types.Slice:
			elem = u.Elem()
		case *types.Map:
			key, elem = u.Key(), u.Elem()
		}
		for _, e := range lit.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if key != nil {
					convert(key, kv.Key)
				}
				e = kv.Value
			}
			convert(elem, e)
		}
	default: // a type parameter's core type: convert to anything
		for _, e := range lit.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				convert(types.Universe.Lookup("any").Type(), kv.Key)
				e = kv.Value
			}
			convert(types.Universe.Lookup("any").Type(), e)
		}
	}
}

// isTypeParam reports whether t is a type parameter.
func isTypeParam(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.TypeParam)
	return ok
}

// node returns the local id of key, adding it if it is new.
func (g *packageGraph) node(key string) int {
	id, ok := g.ids[key]
	if !ok {
		id = len(g.keys)
		g.ids[key] = id
		g.keys = append(g.keys, key)
		g.out = append(g.out, nil)
	}
	return id
}

// edge records that keeping from keeps to.
func (g *packageGraph) edge(from, to int) {
	g.out[from] = append(g.out[from], to)
}

// edges records that keeping from keeps each of to.
func (g *packageGraph) edges(from int, to []int) {
	g.out[from] = append(g.out[from], to...)
}

// methodSets returns the nodes of the package-level named types whose
// methods are in the method set of t: t itself or what it points to,
// and, for a struct type or a type declared in a function, the types
// it embeds.
func (g *packageGraph) methodSets(t types.Type) []int {
	return g.methodSetsOf(t, nil)
}

// embedded returns the method sets (see methodSets) of the fields that
// t embeds, if it is a struct type.
func (g *packageGraph) embedded(t types.Type) []int {
	return g.embeddedOf(t, nil)
}

// methodSetsOf is methodSets, past the types declared in functions in
// seen, whose embedded fields are being looked at.
func (g *packageGraph) methodSetsOf(t types.Type, seen []*types.Named) []int {
	switch t := types.Unalias(t).(type) {
	case *types.Pointer:
		return g.methodSetsOf(t.Elem(), seen)
	case *types.Named:
		obj := t.Origin().Obj()
		switch {
		case obj.Pkg() == nil: // error, comparable
			return nil
		case obj.Parent() == obj.Pkg().Scope():
			return []int{g.node(typeKey(obj))}
		case slices.Contains(seen, t):
			return nil
		}
		return g.embeddedOf(t.Underlying(), append(seen, t))
	case *types.Struct:
		return g.embeddedOf(t, seen)
	}
	return nil
}

// embeddedOf is embedded, past the types in seen (see methodSetsOf).
func (g *packageGraph) embeddedOf(t types.Type, seen []*types.Named) []int {
	st, ok := t.(*types.Struct)
	if !ok {
		return nil
	}
	var refs []int
	for f := range st.Fields() {
		if f.Embedded() {
			refs = append(refs, g.methodSetsOf(f.Type(), seen)...)
		}
	}
	return refs
}

// typeRefs returns the nodes of the package-level named types that t
// is made of: itself, its elements, fields, parameters and results, and
// type arguments; of a named type declared in a function, which has no
// methods of its own, the types it embeds.
func (g *packageGraph) typeRefs(t types.Type) []int {
	if refs, ok := g.refs[t]; ok {
		return refs
	}
	g.refs[t] = nil // a type that refers to itself
	var refs []int
	add := func(u types.Type) { refs = append(refs, g.typeRefs(u)...) }
	switch t := t.(type) {
	case *types.Alias:
		add(types.Unalias(t))
	case *types.Named:
		for arg := range t.TypeArgs().Types() {
			add(arg)
		}
		obj := t.Origin().Obj()
		switch {
		case obj.Pkg() == nil: // error, comparable
		case obj.Parent() == obj.Pkg().Scope():
			refs = append(refs, g.node(typeKey(obj)))
		default:
			if st, ok := t.Underlying().(*types.Struct); ok {
				for f := range st.Fields() {
					if f.Embedded() {
						add(f.Type())
					}
				}
			}
		}
	case *types.Pointer:
		add(t.Elem())
	case *types.Slice:
		add(t.Elem())
	case *types.Array:
		add(t.Elem())
	case *types.Chan:
		add(t.Elem())
	case *types.Map:
		add(t.Key())
		add(t.Elem())
	case *types.Signature:
		add(t.Params())
		add(t.Results())
	case *types.Tuple:
		if t != nil {
			for v := range t.Variables() {
				add(v.Type())
			}
		}
	case *types.Struct:
		for f := range t.Fields() {
			add(f.Type())
		}
	}
	g.refs[t] = refs
	return refs
}
