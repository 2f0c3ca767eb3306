package fix

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/roots"
)

// expand threads the request's context one step down a chain of this
// package's functions: the first function on the chain, after the root
// and those that have a context at hand, gets one.
//
// An unexported function gets a ctx parameter in place; the call on the
// chain passes the caller's context, and every other call in the
// package passes its function's context, or context.TODO() where it has
// none:
//
//	func (s *store) save(u *User) error {  →  func (s *store) save(ctx context.Context, u *User) error {
//	s.save(u)                              →  s.save(r.Context(), u)
//
// An exported function, which other packages may call, and an
// unexported one that the package's tests call (test files get no
// fixes) keep their signature: a SaveContext variant takes its body and
// a ctx parameter, and Save becomes a deprecated wrapper that passes
// context.Background(), which go fix can inline; the call on the chain
// calls the variant.
//
// Once the function with the blocking call has the context, the
// context-aware form of that call is the next fix ([fixer.helperContextForm]).
// Refused, with the reason: functions of another package (there the
// forward step applies, to a sibling), methods that may implement an
// interface, functions used as values, and functions or calls in
// generated, cgo or test files. A blocking call made inside a
// dependency gets no such fix: no function of the application can pass
// it a context.
func (f *fixer) expand() (*analysis.SuggestedFix, error) {
	if !f.contextAtHand() {
		return nil, nil // the root itself needs a context first
	}
	if f.req.Category == catalog.Blocking && f.req.SinkInDependency {
		return nil, nil // the context could not reach the sink; the message says so
	}
	callerCtx, _ := f.requestContext()
	var call, sink *ast.CallExpr
	var target *types.Func
	for i, head := range f.req.Hops[:max(len(f.req.Hops)-1, 0)] {
		c := callAt(f.pass, head)
		if c == nil {
			return nil, nil // the chain leaves the package
		}
		fn := typeutil.StaticCallee(f.pass.TypesInfo, c)
		if fn == nil || fn.Pkg() != f.pass.Pkg {
			return nil, nil
		}
		if i > 0 {
			if callerCtx = f.contextIn(c); callerCtx == "" {
				return nil, nil
			}
		}
		if !f.hasContext(fn) {
			call, target = c, fn.Origin()
			if i+2 == len(f.req.Hops) {
				sink = callAt(f.pass, f.req.Hops[i+1]) // target calls the sink itself
			}
			break
		}
	}
	if target == nil {
		return nil, nil
	}
	return f.expandFunc(target, call, callerCtx, sink, f.req.SinkOrigin)
}

// giveContext is expand for the function that makes the call named by
// a hint: it gets a context, and every call of it in the package passes
// its function's context, or context.TODO().
func (f *fixer) giveContext() (*analysis.SuggestedFix, error) {
	decl := f.enclosingDecl()
	if decl == nil {
		return nil, nil
	}
	fn, ok := f.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok {
		return nil, nil
	}
	return f.expandFunc(fn, nil, "", f.call, f.req.Origin)
}

// enclosingDecl returns the function declaration that holds the call.
func (f *fixer) enclosingDecl() *ast.FuncDecl {
	for _, n := range f.path {
		if fd, ok := n.(*ast.FuncDecl); ok {
			return fd
		}
	}
	return nil
}

// expandFunc gives target a context, as expand describes; trigger, if
// not nil, is the call on the chain, which passes callerCtx. sink, if
// not nil, is the blocking call in target that the chain ends with,
// which gets its context-aware form with the new context in the same
// fix; origin is where its command or request was built.
func (f *fixer) expandFunc(target *types.Func, trigger *ast.CallExpr, callerCtx string, sink *ast.CallExpr, origin token.Pos) (*analysis.SuggestedFix, error) {
	decl, file := f.funcDecl(target)
	if decl == nil {
		return nil, nil
	}
	if err := f.editable(file, target.Name()+" is declared"); err != nil {
		return nil, err
	}
	calls, err := f.callsOf(target)
	if err != nil {
		return nil, err
	}
	if slices.ContainsFunc(decl.Type.Params.List, func(p *ast.Field) bool {
		return slices.ContainsFunc(p.Names, func(n *ast.Ident) bool { return n.Name == "ctx" })
	}) || usesName(decl.Body, "ctx") {
		return nil, whyNot("the name ctx is already used in " + target.Name())
	}
	switched := f.sinkEdits(decl, sink, origin)
	if !target.Exported() && f.implementsInterface(target) {
		return nil, whyNot(target.Name() + " is a method that may implement an interface")
	}
	if target.Exported() || f.testsCall(target.Name(), calls) {
		// Other packages, or the tests, which get no fixes, call it
		// as it is.
		return f.variant(decl, file, target, trigger, callerCtx, switched)
	}
	fix, err := f.inPlace(decl, file, target, trigger, calls, callerCtx)
	if fix != nil {
		fix.TextEdits = append(fix.TextEdits, switched...)
	}
	return fix, err
}

// sinkEdits returns the edits that give sink, a blocking call in decl's
// body, its context-aware form with the context ctx that the fix
// declares; none if it has no such form here.
func (f *fixer) sinkEdits(decl *ast.FuncDecl, sink *ast.CallExpr, origin token.Pos) []analysis.TextEdit {
	if sink == nil || !contains(decl.Body, sink) {
		return nil
	}
	req := f.req
	req.Root, req.Call, req.Direct, req.Origin, req.Hint = roots.Root{}, sink.Lparen, true, origin, true
	sub, err := newFixer(req)
	if sub == nil || err != nil {
		return nil
	}
	sub.ctxName = "ctx"
	fix, err := sub.withContext()
	if err == nil && fix != nil && sub.header != nil {
		fix, err = sub.splitHeader(fix)
	}
	if err != nil || fix == nil {
		return nil
	}
	return fix.TextEdits
}

// inPlace gives the unexported function target a ctx parameter, and its
// calls their function's context.
func (f *fixer) inPlace(decl *ast.FuncDecl, file *ast.File, target *types.Func, trigger *ast.CallExpr, calls []*ast.CallExpr, callerCtx string) (*analysis.SuggestedFix, error) {
	imports := make(map[*ast.File]bool)
	var edits []analysis.TextEdit
	ctxType, err := f.contextName(file, imports)
	if err != nil {
		return nil, err
	}
	param := "ctx " + ctxType + ".Context"
	if len(decl.Type.Params.List) > 0 {
		param += ", "
	}
	at := decl.Type.Params.Opening + 1
	edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte(param)})
	for _, c := range calls {
		cfile := f.fileOf(c.Pos())
		if err := f.editable(cfile, target.Name()+" is called"); err != nil {
			return nil, err
		}
		if len(c.Args) == 1 {
			if _, ok := f.pass.TypesInfo.TypeOf(c.Args[0]).(*types.Tuple); ok {
				return nil, whyNot("a call of " + target.Name() + " spreads another call's results into its arguments")
			}
		}
		ctx := callerCtx
		if c != trigger {
			if ctx = f.contextIn(c); ctx == "" {
				name, err := f.contextName(cfile, imports)
				if err != nil {
					return nil, err
				}
				ctx = name + ".TODO()"
			}
		}
		if len(c.Args) > 0 {
			ctx += ", "
		}
		edits = append(edits, analysis.TextEdit{Pos: c.Lparen + 1, End: c.Lparen + 1, NewText: []byte(ctx)})
	}
	for _, file := range f.pass.Files {
		if imports[file] {
			edits = append(edits, importEdits(file, []string{"context"})...)
		}
	}
	msg := fmt.Sprintf("Give %s a context parameter and pass it the request's context", target.Name())
	if trigger == nil {
		msg = fmt.Sprintf("Give %s a context parameter, which its callers pass", target.Name())
	}
	return &analysis.SuggestedFix{Message: msg, TextEdits: edits}, nil
}

// variant adds TContext, with target's body and a ctx parameter, makes
// target a deprecated wrapper of it, and calls it at trigger.
func (f *fixer) variant(decl *ast.FuncDecl, file *ast.File, target *types.Func, trigger *ast.CallExpr, callerCtx string, switched []analysis.TextEdit) (*analysis.SuggestedFix, error) {
	name := target.Name() + "Context"
	sig := target.Signature()
	if recv := sig.Recv(); recv != nil {
		if obj, _, _ := types.LookupFieldOrMethod(recv.Type(), true, f.pass.Pkg, name); obj != nil {
			return nil, whyNot(fmt.Sprintf("%s already has a method %s", recvName(decl.Recv.List[0].Type), name))
		}
	} else if f.pass.Pkg.Scope().Lookup(name) != nil {
		return nil, whyNot("the name " + name + " is already taken in this package")
	}
	if decl.Type.TypeParams != nil {
		return nil, whyNot(target.Name() + " is generic")
	}
	var args []string
	for _, field := range decl.Type.Params.List {
		if len(field.Names) == 0 {
			return nil, whyNot(target.Name() + " has unnamed parameters")
		}
		for _, n := range field.Names {
			if n.Name == "_" {
				return nil, whyNot(target.Name() + " has unnamed parameters")
			}
			args = append(args, n.Name)
		}
	}
	if sig.Variadic() {
		args[len(args)-1] += "..."
	}
	callee := name
	recvText := ""
	if decl.Recv != nil {
		r := decl.Recv.List[0]
		if len(r.Names) == 0 || r.Names[0].Name == "_" {
			return nil, whyNot(target.Name() + "'s receiver is unnamed")
		}
		callee = r.Names[0].Name + "." + name
		recvText = f.textIn(file, decl.Recv) + " "
	}
	imports := make(map[*ast.File]bool)
	ctxName, err := f.contextName(file, imports)
	if err != nil {
		return nil, err
	}
	params := "ctx " + ctxName + ".Context"
	if len(args) > 0 {
		params += ", " + f.textBetween(file, decl.Type.Params.Opening+1, decl.Type.Params.Closing)
	}
	results := ""
	if decl.Type.Results != nil {
		results = " " + f.textIn(file, decl.Type.Results)
	}
	forward := fmt.Sprintf("%s(%s.Background()%s)", callee, ctxName, strings.Join(prepend(", ", args), ""))
	if sig.Results().Len() > 0 {
		forward = "return " + forward
	}
	doc := fmt.Sprintf("// %s is %s with a context for the calls it makes.\n", name, target.Name())
	// The body moves to the variant, with the sink's edits in it.
	var inBody, edits []analysis.TextEdit
	for _, e := range switched {
		if contains(decl.Body, editNode(e)) {
			inBody = append(inBody, e)
		} else {
			edits = append(edits, e)
		}
	}
	body, err := f.applyIn(file, decl.Body, inBody)
	if err != nil {
		return nil, err
	}
	variant := fmt.Sprintf("\n\n%sfunc %s%s(%s)%s %s", doc, recvText, name, params, results, body)
	edits = append(edits, []analysis.TextEdit{
		{Pos: decl.Body.Pos(), End: decl.Body.End(), NewText: []byte("{\n\t" + forward + "\n}" + variant)},
	}...)
	deprecated := fmt.Sprintf("// Deprecated: use %s.\n//go:fix inline", name)
	if decl.Doc != nil {
		edits = append(edits, analysis.TextEdit{Pos: decl.Doc.End(), End: decl.Doc.End(), NewText: []byte("\n//\n" + deprecated)})
	} else {
		edits = append(edits, analysis.TextEdit{Pos: decl.Pos(), End: decl.Pos(), NewText: []byte(deprecated + "\n")})
	}
	if trigger != nil {
		if err := f.editable(f.fileOf(trigger.Pos()), target.Name()+" is called"); err != nil {
			return nil, err
		}
		edits = append(edits, f.insertContext(trigger, name, callerCtx, "")...)
	}
	if imports[file] {
		edits = append(edits, importEdits(file, []string{"context"})...)
	}
	msg := fmt.Sprintf("Add %s, with a context, and call it with the request's context", name)
	if trigger == nil {
		msg = fmt.Sprintf("Add %s, with a context", name)
	}
	return &analysis.SuggestedFix{Message: msg, TextEdits: edits}, nil
}

// editNode returns a node spanning an edit, for contains.
func editNode(e analysis.TextEdit) ast.Node {
	end := e.End
	if !end.IsValid() {
		end = e.Pos
	}
	return &ast.BadExpr{From: e.Pos, To: end}
}

// applyIn returns the text of n in file with edits, all within n,
// applied.
func (f *fixer) applyIn(file *ast.File, n ast.Node, edits []analysis.TextEdit) (string, error) {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(a, b analysis.TextEdit) int { return int(a.Pos) - int(b.Pos) })
	var b strings.Builder
	at := n.Pos()
	for _, e := range edits {
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		if e.Pos < at {
			return "", whyNot("the fix's edits of the function's body overlap")
		}
		b.WriteString(f.textBetween(file, at, e.Pos))
		b.Write(e.NewText)
		at = end
	}
	b.WriteString(f.textBetween(file, at, n.End()))
	return b.String(), nil
}

func prepend(sep string, list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = sep + s
	}
	return out
}

// hasContext reports whether fn has a context at hand in a parameter: a
// context.Context, or a value the context can be had from.
func (f *fixer) hasContext(fn *types.Func) bool {
	for v := range fn.Signature().Params().Variables() {
		if contextOf(v.Type(), f.pass.Pkg) != "" {
			return true
		}
	}
	return false
}

// contextOf returns how to get a context from a value of type t: "" for
// none, "=" for a context.Context itself, or the selections that reach
// one, such as ".Request.Context()".
func contextOf(t types.Type, from *types.Package) string {
	if isContext(t) {
		return "="
	}
	if sel, ok := requestSelector(t, from); ok {
		return sel + ".Context()"
	}
	return ""
}

// contextIn returns an expression for a context at the call c, from the
// parameters of the function that makes it, or "". A function literal's
// own parameters count, not those it captures: it may run after its
// enclosing function has returned and its context has ended, as a go
// statement's does.
func (f *fixer) contextIn(c *ast.CallExpr) string {
	file := f.fileOf(c.Pos())
	path, _ := astutil.PathEnclosingInterval(file, c.Pos(), c.End())
	var ft *ast.FuncType
	for _, n := range path {
		if fd, ok := n.(*ast.FuncDecl); ok {
			ft = fd.Type
		} else if lit, ok := n.(*ast.FuncLit); ok {
			ft = lit.Type
		}
		if ft != nil {
			break
		}
	}
	if ft == nil {
		return ""
	}
	for _, field := range ft.Params.List {
		for _, name := range field.Names {
			obj := f.pass.TypesInfo.Defs[name]
			if obj == nil || name.Name == "_" || f.lookupAt(name.Name, c.Pos()) != obj {
				continue
			}
			switch how := contextOf(obj.Type(), f.pass.Pkg); how {
			case "":
			case "=":
				return name.Name
			default:
				return name.Name + how
			}
		}
	}
	return ""
}

// funcDecl returns the declaration of fn in the package, and its file.
func (f *fixer) funcDecl(fn *types.Func) (*ast.FuncDecl, *ast.File) {
	for _, file := range f.pass.Files {
		if fn.Pos() < file.FileStart || fn.Pos() >= file.FileEnd {
			continue
		}
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && f.pass.TypesInfo.Defs[fd.Name] == fn && fd.Body != nil {
				return fd, file
			}
		}
	}
	return nil, nil
}

// fileOf returns the package's file that holds pos.
func (f *fixer) fileOf(pos token.Pos) *ast.File {
	for _, file := range f.pass.Files {
		if file.FileStart <= pos && pos < file.FileEnd {
			return file
		}
	}
	return nil
}

// editable returns why the fix may not edit file, where what happens.
func (f *fixer) editable(file *ast.File, what string) error {
	if file == nil {
		return whyNot(what + " outside the package's files")
	}
	name := f.pass.Fset.File(file.Pos()).Name()
	switch {
	case strings.HasSuffix(name, "_test.go"):
		return whyNot(what + " in a test file")
	case ast.IsGenerated(file):
		return whyNot(what + " in a generated file")
	case isCgo(file):
		return whyNot(what + " in a file that uses cgo")
	}
	return nil
}

// callsOf returns the calls of fn in the package, in order, or why fn
// is used otherwise: as a value, which a new parameter would break.
func (f *fixer) callsOf(fn *types.Func) ([]*ast.CallExpr, error) {
	var calls []*ast.CallExpr
	for _, file := range f.pass.Files {
		var err error
		ast.Inspect(file, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || err != nil {
				return err == nil
			}
			obj, ok := f.pass.TypesInfo.Uses[id].(*types.Func)
			if !ok || obj.Origin() != fn {
				return true
			}
			path, _ := astutil.PathEnclosingInterval(file, id.Pos(), id.End())
			var fun ast.Node = id
			for _, p := range path[1:] {
				switch p := p.(type) {
				case *ast.SelectorExpr, *ast.IndexExpr, *ast.IndexListExpr, *ast.ParenExpr:
					fun = p
					continue
				case *ast.CallExpr:
					if p.Fun == fun {
						calls = append(calls, p)
						return true
					}
				}
				break
			}
			err = whyNot(fn.Name() + " is used as a value")
			return false
		})
		if err != nil {
			return nil, err
		}
	}
	return calls, nil
}

// implementsInterface reports whether fn is a method that an interface
// type of the package names, so that its type may have to keep fn's
// signature. An unexported method can only implement interfaces of its
// own package.
func (f *fixer) implementsInterface(fn *types.Func) bool {
	if fn.Signature().Recv() == nil {
		return false
	}
	found := false
	for _, tv := range f.pass.TypesInfo.Types {
		if iface, ok := tv.Type.Underlying().(*types.Interface); ok {
			for m := range iface.Methods() {
				if m.Name() == fn.Name() {
					found = true
				}
			}
		}
	}
	return found
}

// testsCall reports whether the package's tests call the unexported
// function name: a new parameter would break them, since test files get
// no fixes. calls are its calls in the analysed files, which hold the
// tests' when the tests are analysed with the package.
func (f *fixer) testsCall(name string, calls []*ast.CallExpr) bool {
	if slices.ContainsFunc(calls, func(c *ast.CallExpr) bool {
		return strings.HasSuffix(f.pass.Fset.File(c.Pos()).Name(), "_test.go")
	}) {
		return true
	}
	for _, file := range f.pass.Files {
		if strings.HasSuffix(f.pass.Fset.File(file.Pos()).Name(), "_test.go") {
			return false // the tests are analysed, and calls has theirs
		}
	}
	dir := filepath.Dir(f.pass.Fset.File(f.file.Pos()).Name())
	tests, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	word := regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\b`)
	for _, t := range tests {
		src, err := readFile(f.pass, t)
		if err != nil {
			src, err = os.ReadFile(t)
		}
		if err != nil || word.Match(src) {
			return true
		}
	}
	return false
}

// contextName returns the name by which file refers to package context,
// and records in imports that the file must import it if it does not.
func (f *fixer) contextName(file *ast.File, imports map[*ast.File]bool) (string, error) {
	for _, imp := range file.Imports {
		if imp.Path.Value != `"context"` {
			continue
		}
		if imp.Name == nil {
			return "context", nil
		}
		if n := imp.Name.Name; n != "_" && n != "." {
			return n, nil
		}
	}
	if f.pass.Pkg.Scope().Lookup("context") != nil || usesName(file, "context") {
		return "", whyNot("the name context is already taken in " + filepath.Base(f.pass.Fset.File(file.Pos()).Name()))
	}
	imports[file] = true
	return "context", nil
}

// usesName reports whether an identifier called name appears in n.
func usesName(n ast.Node, name string) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}

// textIn returns the source text of n in file.
func (f *fixer) textIn(file *ast.File, n ast.Node) string {
	return f.textBetween(file, n.Pos(), n.End())
}

// textBetween returns the source text of file between two positions.
func (f *fixer) textBetween(file *ast.File, from, to token.Pos) string {
	tf := f.pass.Fset.File(file.Pos())
	src, err := readFile(f.pass, tf.Name())
	if err != nil {
		return ""
	}
	return string(src[tf.Offset(from):tf.Offset(to)])
}
