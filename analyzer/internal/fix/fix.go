// Package fix builds the suggested fixes for blockcheck's diagnostics,
// one shape per file:
//
//   - offload.go: CPU-heavy calls are wrapped with offload at the root's
//     call site, with the request's context and the framework's way of
//     answering when the pool sheds the request; hoist.go moves the
//     operands that read the request above the wrap, header.go moves a
//     call out of an if or switch header, results.go carries several
//     results in a struct;
//   - compileonce.go: a regexp or template compiled from constants on
//     every request moves to a package-level variable;
//   - context.go: blocking calls get their context-aware form, in the
//     root or (helper.go) in a helper of its package that has the
//     context at hand;
//   - thread.go and expand.go thread the request's context down the
//     chain: to a function's context-taking sibling, and into this
//     package's functions that have none.
//
// Every fix edits only the package being analysed, and a diagnostic
// that several roots share offers the same edits from each.
//
// A fix is offered only when the rewrite is certain to compile and to
// keep the code's meaning. Otherwise there is no fix, and the reason is
// returned so that the diagnostic can say why.
package fix

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build"
	"go/token"
	"go/types"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/roots"
)

// OffloadPath is the import path of the offload package.
const OffloadPath = "github.com/blockcheck/blockcheck/offload"

// A Request describes the diagnostic to fix.
type Request struct {
	Pass *analysis.Pass
	Root roots.Root
	// Call is the position of the call in the root that the diagnostic
	// reports: its opening parenthesis.
	Call token.Pos
	// Entry is the sink's catalog entry; nil for sinks declared by
	// directive or flag, which are CPU-heavy.
	Entry *catalog.Entry
	// Category is the diagnostic's category.
	Category catalog.Category
	// Direct says that the call at Call is the sink itself.
	Direct bool
	// Origin is the position of the call that built the sink's
	// receiver or argument without a context, for sinks with a
	// condition: exec.Command for (*exec.Cmd).Run, http.NewRequest for
	// (*http.Client).Do. Otherwise it is token.NoPos.
	Origin token.Pos
	// SinkCall is the position of the head of the call of the sink
	// (its selector's name, or its function's name) when that call is
	// in this package; token.NoPos otherwise.
	SinkCall token.Pos
	// SinkOrigin is Origin for the sink's call at SinkCall, when that
	// call is in a helper.
	SinkOrigin token.Pos
	// SinkInDependency says that the sink's call is made in a
	// dependency: threading the request's context towards it through
	// this package's functions would not reach it.
	SinkInDependency bool
	// Hops are the positions of the heads of the calls of the chain
	// from the root to the sink, the root's first; token.NoPos for
	// calls found in another package.
	Hops []token.Pos
	// VariantOf returns, for a function whose body only calls another
	// with a background context (a Deprecated wrapper), the name of
	// that other function, its Context variant; "" for other functions.
	// A background-context chain through such a wrapper moves its call
	// of the wrapper to the variant, with the context at hand.
	VariantOf func(*types.Func) string
	// Hint says that the call was named by a -fix-at hint, from a
	// chain reported in another package: Root is empty, and the fix is
	// made in the function that makes the call.
	Hint bool
	// Blocks reports whether a function, by what is known of it,
	// reaches blocking calls that do not take its context. Nil means
	// nothing is known.
	Blocks func(*types.Func) bool
	// Configured says that the sink compiles a pattern that comes from
	// configuration: it is compiled once when that is loaded, not at
	// package level.
	Configured bool
	// Taken holds the names that earlier fixes in the same root
	// declare; a fix adds the names it declares. Fixes are applied
	// together, so two of them must not declare the same name.
	Taken map[string]bool
}

// For returns the fix for the diagnostic that req describes, or the
// reason why there is none. Both are empty when no fix is expected, as
// for sinks whose remedy is not a rewrite at the call site.
func For(req Request) (*analysis.SuggestedFix, string) {
	if req.Taken == nil {
		req.Taken = make(map[string]bool)
	}
	f, err := newFixer(req)
	if err != nil {
		return nil, err.Error()
	}
	if f == nil {
		return nil, ""
	}
	switch req.Category {
	case catalog.CPUHeavy:
		switch {
		case req.Hint && (req.Entry == nil || !compiles(req.Entry)):
			return nil, "" // offload wraps the call at the root
		case req.Entry == nil || req.Entry.Remedy == "run it with offload":
			return f.result(f.wrap())
		case compiles(req.Entry) && !req.Configured:
			return f.result(f.compileOnce())
		}
		return nil, "" // the remedy is not a rewrite at the call
	case catalog.Blocking:
		if !req.Direct {
			// The callee's context-taking sibling, or else, in a
			// helper of this package with the request's context at
			// hand, the sink's context-aware form; otherwise the
			// message says which function needs a context.
			if fix, why := f.result(f.forward()); fix != nil || why != "" {
				return fix, why
			}
			if fix, why := f.result(f.helperContextForm()); fix != nil || why != "" {
				return fix, why
			}
			return f.result(f.expand())
		}
		if req.Hint && !f.contextAtHand() {
			// The function gets a context first; its call the
			// context-aware form on the next round.
			return f.result(f.giveContext())
		}
		return f.result(f.contextForm())
	case catalog.BackgroundContext:
		switch {
		case req.Hint:
			return f.result(f.hintVariant())
		case !req.Direct:
			// The call of a wrapper moves to its variant; else, in a
			// helper of this package with the request's context at
			// hand, the background context becomes that context;
			// else the first function on the chain without one gets
			// one.
			if fix, why := f.result(f.toVariant()); fix != nil || why != "" {
				return fix, why
			}
			if fix, why := f.result(f.helperContextForm()); fix != nil || why != "" {
				return fix, why
			}
			return f.result(f.expand())
		}
		return f.result(f.background())
	}
	return nil, ""
}

// result turns a fix or the error that explains its absence into For's
// results. A fix made for the init statement of an if or switch header,
// as if it stood on its own, moves that statement out of the header.
func (f *fixer) result(fix *analysis.SuggestedFix, err error) (*analysis.SuggestedFix, string) {
	if err == nil && fix != nil && f.header != nil {
		fix, err = f.splitHeader(fix)
	}
	if err != nil {
		return nil, err.Error()
	}
	return fix, ""
}

// A fixer holds what every kind of fix needs to know about the call
// site.
type fixer struct {
	req  Request
	pass *analysis.Pass
	file *ast.File
	src  []byte
	path []ast.Node // from the call to the file
	call *ast.CallExpr
	fn   *ast.FuncType // the signature of the function that makes the call
	body *ast.BlockStmt
	// results are the function's results, and name its name in
	// messages: the root's, or a helper's for a call in a helper.
	results *types.Tuple
	name    string
	// header is the if or switch statement whose init statement holds
	// the call, if it is there.
	header ast.Stmt
	// ctxName, if set, is the context to use: the ctx parameter that
	// the fix gives the function.
	ctxName string
	// declared lists the names that the fix declares in the call's
	// statement, besides those the statement declares itself.
	declared []string

	imports []string // import paths the fix adds
}

// whyNot is an error that explains why a fix is impossible.
type whyNot string

func (w whyNot) Error() string { return string(w) }

func newFixer(req Request) (*fixer, error) {
	pass := req.Pass
	var file *ast.File
	for _, f := range pass.Files {
		if f.FileStart <= req.Call && req.Call < f.FileEnd {
			file = f
			break
		}
	}
	if file == nil {
		return nil, nil
	}
	name := pass.Fset.File(file.Pos()).Name()
	switch {
	case strings.HasSuffix(name, "_test.go"):
		return nil, whyNot("test files get no fixes")
	case ast.IsGenerated(file):
		return nil, whyNot("the file is generated")
	case !strings.HasSuffix(name, ".go") || isCgo(file):
		return nil, whyNot("files that use cgo get no fixes")
	}
	src, err := readFile(pass, name)
	if err != nil {
		return nil, whyNot("cannot read " + name)
	}
	path, _ := astutil.PathEnclosingInterval(file, req.Call, req.Call)
	var call *ast.CallExpr
	for _, n := range path {
		switch n := n.(type) {
		case *ast.CallExpr:
			if n.Lparen == req.Call {
				call = n
			}
		case *ast.DeferStmt:
			if n.Defer == req.Call {
				call = n.Call
			}
		case *ast.GoStmt:
			if n.Go == req.Call {
				call = n.Call
			}
		}
		if _, ok := n.(*ast.FuncLit); ok || call != nil {
			break
		}
	}
	if call == nil {
		return nil, nil // a receive or select: nothing to rewrite here
	}
	f := &fixer{req: req, pass: pass, file: file, src: src, path: path, call: call}
	if req.Root.Fn == nil {
		// A call named by a hint, in whatever function makes it.
		if !f.inDecl() {
			return nil, nil
		}
		return f, nil
	}
	f.results, f.name = req.Root.Fn.Signature.Results(), rootName(req.Root)
	switch syn := req.Root.Fn.Syntax().(type) {
	case *ast.FuncDecl:
		f.fn, f.body = syn.Type, syn.Body
	case *ast.FuncLit:
		f.fn, f.body = syn.Type, syn.Body
	default:
		return nil, nil
	}
	return f, nil
}

// isCgo reports whether file imports "C".
func isCgo(file *ast.File) bool {
	for _, imp := range file.Imports {
		if imp.Path.Value == `"C"` {
			return true
		}
	}
	return false
}

func readFile(pass *analysis.Pass, name string) ([]byte, error) {
	if pass.ReadFile != nil {
		return pass.ReadFile(name)
	}
	return os.ReadFile(name)
}

// text returns the source text of n.
func (f *fixer) text(n ast.Node) string {
	tf := f.pass.Fset.File(f.file.Pos())
	return string(f.src[tf.Offset(n.Pos()):tf.Offset(n.End())])
}

// offset returns the byte offset of pos in the file.
func (f *fixer) offset(pos token.Pos) int { return f.pass.Fset.File(f.file.Pos()).Offset(pos) }

// indent returns the indentation of the line that holds pos.
func (f *fixer) indent(pos token.Pos) string {
	off := f.offset(pos)
	start := bytes.LastIndexByte(f.src[:off], '\n') + 1
	end := start
	for end < len(f.src) && (f.src[end] == ' ' || f.src[end] == '\t') {
		end++
	}
	return string(f.src[start:end])
}

// param returns the name of the function's first parameter whose type
// satisfies match, or "" if there is none or it cannot be used at the
// call (unnamed, blank, or shadowed).
func (f *fixer) param(match func(types.Type) bool) string {
	for _, field := range f.fn.Params.List {
		if !match(f.pass.TypesInfo.TypeOf(field.Type)) {
			continue
		}
		if len(field.Names) == 0 || field.Names[0].Name == "_" {
			return ""
		}
		obj := f.pass.TypesInfo.Defs[field.Names[0]]
		if f.lookup(field.Names[0].Name) != obj {
			return "" // shadowed at the call
		}
		return field.Names[0].Name
	}
	return ""
}

// lookup returns the object that name denotes at the call.
func (f *fixer) lookup(name string) types.Object { return f.lookupAt(name, f.call.Pos()) }

// isNamed reports whether t, or what it points to, is the named type
// path.name.
func isNamed(t types.Type, path, name string) bool {
	t = types.Unalias(t)
	if ptr, ok := t.(*types.Pointer); ok {
		t = types.Unalias(ptr.Elem())
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == path && n.Obj().Name() == name
}

func isContext(t types.Type) bool { return isNamed(t, "context", "Context") }

// requestContext returns an expression for the request's context at the
// call: a context.Context parameter of the root if it has one, else the
// framework's way to reach the request's context.
func (f *fixer) requestContext() (string, error) {
	if f.ctxName != "" {
		return f.ctxName, nil
	}
	if ctx := f.param(isContext); ctx != "" {
		return ctx, nil
	}
	switch f.req.Root.Kind {
	case roots.NetHTTP:
		if r := f.param(func(t types.Type) bool { return isNamed(t, "net/http", "Request") }); r != "" {
			return r + ".Context()", nil
		}
	case roots.Gin:
		if c := f.param(func(t types.Type) bool { return isNamed(t, "github.com/gin-gonic/gin", "Context") }); c != "" {
			return c + ".Request.Context()", nil
		}
	case roots.Echo:
		if c := f.param(func(t types.Type) bool {
			return isNamed(t, "github.com/labstack/echo/v4", "Context") || isNamed(t, "github.com/labstack/echo", "Context")
		}); c != "" {
			return c + ".Request().Context()", nil
		}
	case roots.Fiber:
		if c := f.param(func(t types.Type) bool { return isNamed(t, "github.com/gofiber/fiber/v2", "Ctx") }); c != "" {
			return c + ".UserContext()", nil
		}
	case roots.GRPC:
		// A streaming method's stream carries the call's context.
		if st := f.param(f.hasContextMethod); st != "" {
			return st + ".Context()", nil
		}
	case roots.FastHTTP:
		// A *fasthttp.RequestCtx is a context.Context.
		if c := f.param(func(t types.Type) bool { return isNamed(t, "github.com/valyala/fasthttp", "RequestCtx") }); c != "" {
			return c, nil
		}
	}
	// Any other request type: the first parameter that holds the
	// request where this package can select it.
	for _, field := range f.fn.Params.List {
		if len(field.Names) == 0 {
			continue
		}
		sel, ok := requestSelector(f.pass.TypesInfo.TypeOf(field.Type), f.pass.Pkg)
		if !ok {
			continue
		}
		name := field.Names[0]
		if name.Name == "_" || f.lookup(name.Name) != f.pass.TypesInfo.Defs[name] {
			break // unnamed, or shadowed at the call
		}
		return name.Name + sel + ".Context()", nil
	}
	return "", whyNot("the request's context is not at hand in " + f.name)
}

// hasContextMethod reports whether t has a method Context() that
// returns a context.Context, as a gRPC stream has.
func (f *fixer) hasContextMethod(t types.Type) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, f.pass.Pkg, "Context")
	m, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := m.Signature()
	return sig.Params().Len() == 0 && sig.Results().Len() == 1 && isContext(sig.Results().At(0).Type())
}

func rootName(root roots.Root) string {
	if obj := root.Fn.Object(); obj != nil {
		return obj.Name()
	}
	return "the function literal"
}

// importName returns the name by which the file refers to the package
// path, and records that the fix must add the import if the file lacks
// it. It fails if the name the package would need is already taken.
func (f *fixer) importName(path, name string) (string, error) {
	for _, imp := range f.file.Imports {
		if imp.Path.Value != strconv.Quote(path) {
			continue
		}
		if imp.Name == nil {
			if pkg, ok := f.pass.TypesInfo.Implicits[imp].(*types.PkgName); ok {
				return pkg.Name(), nil
			}
			return name, nil
		}
		if n := imp.Name.Name; n != "_" && n != "." {
			return n, nil
		}
	}
	if slices.Contains(f.imports, path) {
		return name, nil
	}
	if f.lookup(name) != nil || f.pass.Pkg.Scope().Lookup(name) != nil {
		return "", whyNot(fmt.Sprintf("the name %s is already taken in this file", name))
	}
	f.imports = append(f.imports, path)
	return name, nil
}

// suggest returns a fix made of edits and of the imports it needs.
func (f *fixer) suggest(msg string, edits ...analysis.TextEdit) *analysis.SuggestedFix {
	edits = append(edits, importEdits(f.file, f.imports)...)
	return &analysis.SuggestedFix{Message: msg, TextEdits: edits}
}

// importEdits returns the edits that add the imports paths to file. A
// standard library import goes after the file's last standard one,
// others after its last import: gofmt, which drivers run on fixed
// files, sorts them within their group.
func importEdits(file *ast.File, paths []string) []analysis.TextEdit {
	paths = slices.Sorted(slices.Values(paths))
	var decl *ast.GenDecl
	for _, d := range file.Decls {
		if gen, ok := d.(*ast.GenDecl); ok && gen.Tok == token.IMPORT {
			decl = gen
		}
	}
	lines := make(map[token.Pos]string)
	var order []token.Pos
	for _, path := range paths {
		var at token.Pos
		text := "\n\t" + strconv.Quote(path)
		switch {
		case decl == nil:
			at, text = file.Name.End(), "\n\nimport "+strconv.Quote(path)
		case !decl.Rparen.IsValid():
			at, text = decl.End(), "\nimport "+strconv.Quote(path)
		default:
			std := isStd(path)
			for _, spec := range decl.Specs {
				p, _ := strconv.Unquote(spec.(*ast.ImportSpec).Path.Value)
				if !std || isStd(p) {
					at = spec.End()
				}
			}
			if !at.IsValid() {
				at, text = decl.Lparen+1, "\n\t"+strconv.Quote(path)
			}
		}
		if _, ok := lines[at]; !ok {
			order = append(order, at)
		}
		lines[at] += text
	}
	var edits []analysis.TextEdit
	for _, at := range order {
		edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte(lines[at])})
	}
	return edits
}

// isStd reports whether path is a package of the standard library.
func isStd(path string) bool {
	if strings.Contains(strings.Split(path, "/")[0], ".") {
		return false
	}
	p, err := build.Default.Import(path, "", build.FindOnly)
	return err == nil && p.Goroot
}
