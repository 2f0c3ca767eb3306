package fix

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"go/version"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
)

// compileOnce moves a regexp compiled, or a template parsed, on every
// call from constants into a package-level variable, declared above
// the function that compiled it:
//
//	regexp.MustCompile(`^a+$`)           →  usernameRE, with var usernameRE = regexp.MustCompile(`^a+$`)
//	ok, _ := regexp.MatchString(`^a+$`, s) →  ok := usernameRE.MatchString(s)
//	re, _ := regexp.Compile(`^a+$`)       →  re := usernameRE
//	regexp.Compile(`^a+$`)               →  usernameRE(), with var usernameRE = sync.OnceValues(func() (*regexp.Regexp, error) { return regexp.Compile(`^a+$`) })
//	template.ParseFiles("a.html")        →  signupTmpl(), with var signupTmpl = sync.OnceValues(…)
//
// A pattern becomes a MustCompile at package level only when it
// compiles, which is checked here: otherwise the program would panic
// when it starts instead of failing the requests that use the pattern.
// Where the call's error is kept, sync.OnceValues keeps it too. The
// sink's call must be in this package (the root, or one of its helpers
// here): a fix may edit only the package being analysed.
func (f *fixer) compileOnce() (*analysis.SuggestedFix, error) {
	if !f.req.Direct {
		// A call in another package gets no fix, and no reason: the
		// message names the function that compiles, and a fix may
		// edit only the package being analysed.
		sink := callAt(f.pass, f.req.SinkCall)
		if sink == nil {
			return nil, nil
		}
		req := f.req
		req.Call = sink.Lparen
		sub, err := newFixer(req)
		if err != nil {
			return nil, err
		}
		if sub == nil {
			return nil, nil
		}
		f = sub
	}
	call := f.call
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, whyNot("the function is not called by name")
	}
	fn, ok := f.pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	if !ok || fn.FullName() != f.req.Entry.Name {
		return nil, whyNot("the call that compiles it is not where it was found")
	}
	decl := f.topDecl(call)
	if decl == nil {
		return nil, whyNot("the call is not in a declaration of this file")
	}
	if call.Ellipsis.IsValid() {
		return nil, whyNot("the call passes a slice for its arguments")
	}
	pkg, name := fn.Pkg().Path(), fn.Name()
	if pkg == "regexp" {
		return f.compileRegexp(call, sel, decl, name)
	}
	return f.parseTemplates(call, decl)
}

// compiles reports whether e's remedy is to compile or parse once: a
// regexp's pattern, or templates.
func compiles(e *catalog.Entry) bool {
	return e.Family == "regular expressions" || e.Family == "templates"
}

// callAt returns the call whose function's name, or selector's name, is
// at head in one of the package's files, or nil.
func callAt(pass *analysis.Pass, head token.Pos) *ast.CallExpr {
	for _, file := range pass.Files {
		if head < file.FileStart || head >= file.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(file, head, head)
		for _, n := range path {
			if c, ok := n.(*ast.CallExpr); ok && c.Fun.Pos() <= head && head < c.Fun.End() {
				return c
			}
		}
	}
	return nil
}

// compileRegexp is compileOnce for the functions of package regexp.
func (f *fixer) compileRegexp(call *ast.CallExpr, sel *ast.SelectorExpr, decl ast.Decl, name string) (*analysis.SuggestedFix, error) {
	if len(call.Args) == 0 {
		return nil, whyNot("the call has no pattern")
	}
	pattern, err := f.constant(call.Args[0])
	if err != nil {
		return nil, err
	}
	posix := strings.Contains(name, "POSIX")
	compile := regexp.Compile
	if posix {
		compile = regexp.CompilePOSIX
	}
	_, compileErr := compile(constant.StringVal(f.pass.TypesInfo.Types[call.Args[0]].Value))
	re := f.text(sel.X)
	must := re + ".MustCompile"
	if posix {
		must += "POSIX"
	}
	varName, err := f.packageName(call, decl, "RE")
	if err != nil {
		return nil, err
	}
	mustDecl := fmt.Sprintf("var %s = %s(%s)", varName, must, pattern)
	msg := "Compile the regular expression once, at package level"
	switch name {
	case "MustCompile", "MustCompilePOSIX":
		if compileErr != nil {
			return nil, whyNot("the pattern does not compile, and at package level it would panic when the program starts")
		}
		return f.suggest(msg, f.declare(decl, mustDecl), replace(call, varName)), nil
	case "Compile", "CompilePOSIX":
		if as := f.discardsError(call); compileErr == nil && as != nil {
			return f.suggest(msg, f.declare(decl, mustDecl), f.dropError(as, varName)), nil
		}
		once, err := f.onceValues(decl, varName, "*"+re+".Regexp", f.text(call))
		if err != nil {
			return nil, err
		}
		return f.suggest(msg, once, replace(call, varName+"()")), nil
	}
	// Match, MatchString, MatchReader: the pattern's method, where the
	// error, always nil for a pattern that compiles, is discarded.
	as := f.discardsError(call)
	if compileErr != nil || as == nil {
		return nil, whyNot("the call's error is kept; compile the pattern once with regexp.MustCompile and call its " + name + " method instead")
	}
	args := make([]string, len(call.Args)-1)
	for i, a := range call.Args[1:] {
		args[i] = f.text(a)
	}
	return f.suggest(msg, f.declare(decl, mustDecl), f.dropError(as, fmt.Sprintf("%s.%s(%s)", varName, name, strings.Join(args, ", ")))), nil
}

// parseTemplates is compileOnce for the parsing functions and methods
// of html/template and text/template.
func (f *fixer) parseTemplates(call *ast.CallExpr, decl ast.Decl) (*analysis.SuggestedFix, error) {
	if !f.static(call) {
		return nil, whyNot("the templates it parses are not named by constants")
	}
	t := f.pass.TypesInfo.TypeOf(call)
	tuple, ok := t.(*types.Tuple)
	if !ok || tuple.Len() != 2 {
		return nil, whyNot("the call does not return a template and an error")
	}
	typ, err := f.typeString(tuple.At(0).Type())
	if err != nil {
		return nil, err
	}
	varName, err := f.packageName(call, decl, "Tmpl")
	if err != nil {
		return nil, err
	}
	once, err := f.onceValues(decl, varName, typ, f.text(call))
	if err != nil {
		return nil, err
	}
	return f.suggest("Parse the templates once", once, replace(call, varName+"()")), nil
}

// onceValues returns the edit that declares varName, above decl, as a
// sync.OnceValues of a function returning the call's text.
func (f *fixer) onceValues(decl ast.Decl, varName, typ, call string) (analysis.TextEdit, error) {
	if v := f.pass.Pkg.GoVersion(); v != "" && version.Compare(v, "go1.21") < 0 {
		return analysis.TextEdit{}, whyNot("sync.OnceValues needs go1.21, and the module says " + v)
	}
	sync, err := f.importName("sync", "sync")
	if err != nil {
		return analysis.TextEdit{}, err
	}
	return f.declare(decl, fmt.Sprintf("var %s = %s.OnceValues(func() (%s, error) { return %s })", varName, sync, typ, call)), nil
}

// constant returns the text of e, a constant string, for use at package
// level: e itself if every name it uses is declared at package level or
// imported, else the constant's value quoted.
func (f *fixer) constant(e ast.Expr) (string, error) {
	tv, ok := f.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", whyNot("the pattern is not a constant")
	}
	local := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if obj := f.pass.TypesInfo.Uses[id]; obj != nil && obj.Parent() != f.pass.Pkg.Scope() && obj.Parent() != types.Universe {
				if _, isPkg := obj.(*types.PkgName); !isPkg && obj.Pkg() == f.pass.Pkg {
					local = true
				}
			}
		}
		return !local
	})
	if !local {
		return f.text(e), nil
	}
	s := constant.StringVal(tv.Value)
	if strconv.CanBackquote(s) {
		return "`" + s + "`", nil
	}
	return strconv.Quote(s), nil
}

// static reports whether e can be evaluated once, at package level,
// with the same result as at the call: a constant; a package-level
// variable of type embed.FS, which cannot change; or a call of a
// function or method of html/template or text/template on and with
// static operands.
func (f *fixer) static(e ast.Expr) bool {
	e = ast.Unparen(e)
	if tv, ok := f.pass.TypesInfo.Types[e]; ok && tv.Value != nil {
		return true
	}
	switch e := e.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		var id *ast.Ident
		if sel, ok := e.(*ast.SelectorExpr); ok {
			id = sel.Sel
		} else {
			id = e.(*ast.Ident)
		}
		v, ok := f.pass.TypesInfo.Uses[id].(*types.Var)
		return ok && v.Parent() == v.Pkg().Scope() && isNamed(v.Type(), "embed", "FS")
	case *ast.CallExpr:
		sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
		if !ok || e.Ellipsis.IsValid() {
			return false
		}
		fn, ok := f.pass.TypesInfo.Uses[sel.Sel].(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "html/template" && fn.Pkg().Path() != "text/template" {
			return false
		}
		if fn.Signature().Recv() != nil && !f.static(sel.X) {
			return false
		}
		for _, a := range e.Args {
			if !f.static(a) {
				return false
			}
		}
		return true
	}
	return false
}

// discardsError returns the assignment whose right-hand side is the
// call, with two results of which the second, its error, goes to the
// blank identifier, or nil.
func (f *fixer) discardsError(call *ast.CallExpr) *ast.AssignStmt {
	for i, n := range f.pathTo(call) {
		if n != call {
			continue
		}
		as, ok := f.pathTo(call)[i+1].(*ast.AssignStmt)
		if ok && len(as.Lhs) == 2 && len(as.Rhs) == 1 && ast.Unparen(as.Rhs[0]) == call && identName(as.Lhs[1]) == "_" {
			return as
		}
		return nil
	}
	return nil
}

// dropError returns the edit that turns as, x, _ := call, into x := value.
func (f *fixer) dropError(as *ast.AssignStmt, value string) analysis.TextEdit {
	return analysis.TextEdit{Pos: as.Pos(), End: as.End(), NewText: fmt.Appendf(nil, "%s %s %s", f.text(as.Lhs[0]), as.Tok, value)}
}

// pathTo returns the path from n to the root of the file.
func (f *fixer) pathTo(n ast.Node) []ast.Node {
	path, _ := astutil.PathEnclosingInterval(f.file, n.Pos(), n.End())
	return path
}

// topDecl returns the file's top-level declaration that holds n.
func (f *fixer) topDecl(n ast.Node) ast.Decl {
	for _, d := range f.file.Decls {
		if d.Pos() <= n.Pos() && n.End() <= d.End() {
			return d
		}
	}
	return nil
}

// declare returns the edit that declares text above decl and its doc
// comment.
func (f *fixer) declare(decl ast.Decl, text string) analysis.TextEdit {
	at := decl.Pos()
	switch d := decl.(type) {
	case *ast.FuncDecl:
		if d.Doc != nil {
			at = d.Doc.Pos()
		}
	case *ast.GenDecl:
		if d.Doc != nil {
			at = d.Doc.Pos()
		}
	}
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte(text + "\n\n")}
}

func replace(n ast.Node, text string) analysis.TextEdit {
	return analysis.TextEdit{Pos: n.Pos(), End: n.End(), NewText: []byte(text)}
}

// packageName returns the name of the package-level variable for the
// call in decl: the name of the constant that is the pattern, or else
// the function's, in lower camel case and suffix (usernameRE), with the
// number of the call after the first among the calls of the package
// that would get the same name (usernameRE2); where a name is taken, as
// by the fix of an earlier round, the call's next number. The name depends only on
// the call, so that diagnostics of several roots that reach it offer
// the same fix, which drivers apply once. It fails if the package
// already uses the name.
func (f *fixer) packageName(call *ast.CallExpr, decl ast.Decl, suffix string) (string, error) {
	base := "pattern"
	if suffix == "Tmpl" {
		base = "templates"
	}
	switch d := decl.(type) {
	case *ast.FuncDecl:
		base = d.Name.Name
		if d.Recv != nil && len(d.Recv.List) == 1 && (base == "ServeHTTP" || base == "Handle") {
			base = recvName(d.Recv.List[0].Type) // all handlers share these names
		}
	case *ast.GenDecl:
		if spec, ok := d.Specs[0].(*ast.ValueSpec); ok && d.Tok == token.VAR {
			base = spec.Names[0].Name
		}
	}
	// Calls with the same base: those in decl whose pattern is not a
	// named constant, or those anywhere with the same constant.
	var scope []ast.Node
	c := f.patternConst(call)
	if c != nil {
		base = c.Name() // the pattern's own name says best what it matches
		for _, file := range f.pass.Files {
			scope = append(scope, file)
		}
	} else {
		scope = []ast.Node{decl}
	}
	n, total := 0, 0
	for _, node := range scope {
		ast.Inspect(node, func(x ast.Node) bool {
			if other, ok := x.(*ast.CallExpr); ok && f.sameFamily(other) && f.patternConst(other) == c {
				total++
				if other.Pos() <= call.Pos() {
					n++
				}
			}
			return true
		})
	}
	r := []rune(base)
	r[0] = unicode.ToLower(r[0])
	// Where an earlier round took the name, the next of the call's
	// own numbers: n, n+total, n+2*total… never another call's.
	var name string
	for k := n; k <= n+8*total; k += total {
		name = string(r) + suffix
		if k > 1 {
			name += strconv.Itoa(k)
		}
		if f.pass.Pkg.Scope().Lookup(name) == nil && !f.usedInPackage(name) {
			return name, nil
		}
	}
	return "", whyNot("the name " + name + " is already used in this package")
}

// patternConst returns the named constant that is the first argument of
// a call of package regexp, or nil.
func (f *fixer) patternConst(call *ast.CallExpr) *types.Const {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 {
		return nil
	}
	if fn, ok := f.pass.TypesInfo.Uses[sel.Sel].(*types.Func); !ok || fn.Pkg() == nil || fn.Pkg().Path() != "regexp" {
		return nil
	}
	var id *ast.Ident
	switch a := ast.Unparen(call.Args[0]).(type) {
	case *ast.Ident:
		id = a
	case *ast.SelectorExpr:
		id = a.Sel
	}
	c, _ := f.pass.TypesInfo.Uses[id].(*types.Const)
	return c
}

// sameFamily reports whether c calls a sink of the family of the one
// being fixed, whose variables share a suffix.
func (f *fixer) sameFamily(c *ast.CallExpr) bool {
	sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	fn, ok := f.pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	if !ok {
		return false
	}
	e, ok := catalog.Lookup(fn.FullName())
	return ok && e.Family == f.req.Entry.Family
}

// recvName returns the name of a receiver's type.
func recvName(t ast.Expr) string {
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return "handler"
		}
	}
}

// usedInPackage reports whether an identifier called name appears in
// any file of the package.
func (f *fixer) usedInPackage(name string) bool {
	for _, file := range f.pass.Files {
		found := false
		ast.Inspect(file, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name == name {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}
