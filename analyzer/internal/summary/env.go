package summary

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
)

// An Env says which functions a Result summarises from their bodies,
// and how it sees the rest of the program. A per-package analysis sees
// other packages through facts; a whole-program analysis sees every
// body and a call graph.
type Env struct {
	Fset *token.FileSet
	// Syntax is what SSA does not keep of the files whose functions
	// are summarised: the positions of call heads, say.
	Syntax *Syntax
	// Local reports whether fn, which has a body, is summarised here.
	Local func(fn *ssa.Function) bool
	// Fact returns the summary of a function summarised elsewhere, if
	// there is one; nil in whole-program mode.
	Fact func(fn *types.Func) (*Reach, bool)
	// Callees returns the functions that a call SSA cannot resolve
	// statically (through an interface or a function value) may call;
	// nil in per-package mode, which does not guess.
	Callees func(call ssa.CallInstruction) []*ssa.Function
	// Root reports whether fn is a request root, which reports what it
	// reaches itself; dynamic calls to roots, through the call graph or
	// by reflection, are not followed. Nil means no function is.
	Root func(fn *ssa.Function) bool
	// Dependency reports whether fn is code of a dependency, not of the
	// module under analysis; nil means it never is.
	Dependency func(fn *ssa.Function) bool
	// Constants holds the package-level variables that hold one
	// constant (see [Constants]): a branch on them takes only the way
	// their value decides, and what the other way reaches is not.
	Constants map[*ssa.Global]constant.Value
}

// PackageEnv returns the Env of a per-package analysis: the package of
// pass is summarised, and other packages are seen through facts.
func PackageEnv(pass *analysis.Pass) Env {
	// In per-package mode a dependency is a package of a module with
	// a version: the main module, and modules replaced by a directory,
	// have none.
	dependency := pass.Module != nil && pass.Module.Version != ""
	return Env{
		Fset:   pass.Fset,
		Syntax: ReadSyntax(pass.Files),
		// Only the package's own functions are summarised here;
		// others come with facts, which say whether they are in a
		// dependency.
		Dependency: func(*ssa.Function) bool { return dependency },
		Local:      func(fn *ssa.Function) bool { return fn.Pkg == nil || fn.Pkg.Pkg == pass.Pkg },
		Fact: func(fn *types.Func) (*Reach, bool) {
			if fn.Pkg() == pass.Pkg {
				return nil, false
			}
			fact := new(Reach)
			return fact, pass.ImportObjectFact(fn, fact)
		},
	}
}

// Relevant reports whether the package of pass can reach any sink at
// all, or export a fact that a function waits on its context: whether
// its functions mention a sink, a function with a Reach fact that
// reaches one, a context form (or a function that waits on its
// context) together with a background context or, in the application,
// an exported function taking a context, an io helper together with a
// package whose types have sink methods, or both halves of dispatch by
// reflection (a method of reflect.Value that selects a method, and one
// that calls it), or whether it declares a sink by directive. Package-level
// initialisers do not count, but for the function literals in them:
// they run once, in init. Packages that are not relevant are skipped
// before any SSA is built.
func Relevant(pass *analysis.Pass, cfg Config) bool {
	if cfg.Directives.HasHeavy() {
		return true
	}
	m := mentions{
		pass:       pass,
		cfg:        cfg,
		seen:       make(map[*types.Func]bool),
		dependency: pass.Module != nil && pass.Module.Version != "",
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				m.inspect(decl.Body)
			case *ast.GenDecl:
				ast.Inspect(decl, func(n ast.Node) bool {
					if lit, ok := n.(*ast.FuncLit); ok {
						m.inspect(lit.Body)
						return false
					}
					return !m.sink
				})
			}
			if m.sink {
				return true
			}
		}
	}
	if m.contextForm && (m.background || !m.dependency && exportsContextFunc(pass)) {
		// A context form given a background context is a sink; one
		// given a function's own context makes the function wait on
		// it, which its fact tells other packages of the application.
		return true
	}
	if m.reflectMethod && m.reflectCall {
		// Dispatch by reflection may reach the methods of a type of
		// another package, which no name here mentions.
		return true
	}
	if m.io {
		for _, imp := range pass.Pkg.Imports() {
			if ioSinkPackages[imp.Path()] {
				return true
			}
		}
	}
	return false
}

// exportsContextFunc reports whether the package of pass declares an
// exported function or method that takes a context.Context: one that
// may wait on its context, as its fact would say.
func exportsContextFunc(pass *analysis.Pass) bool {
	for _, obj := range pass.TypesInfo.Defs {
		fn, ok := obj.(*types.Func)
		if !ok || !fn.Exported() {
			continue
		}
		params := fn.Signature().Params()
		for i := range params.Len() {
			if isContext(params.At(i).Type()) {
				return true
			}
		}
	}
	return false
}

// mentions looks for mentions of sinks in function bodies.
type mentions struct {
	pass       *analysis.Pass
	cfg        Config
	seen       map[*types.Func]bool
	dependency bool // the package belongs to a dependency

	sink bool // a sink, or a function with a fact
	io   bool // an io helper
	// reflectMethod and reflectCall say that reflect.Value's
	// MethodByName or Method, and its Call or CallSlice, are used:
	// dispatch by reflection, which reflectCallees follows.
	reflectMethod, reflectCall bool
	// A context form is a sink only when given context.Background()
	// or context.TODO(): generated API clients call
	// http.NewRequestWithContext in hundreds of packages, with the
	// caller's context.
	contextForm, background bool
}

func (m *mentions) inspect(body *ast.BlockStmt) {
	if body == nil {
		return
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if m.sink {
			return false
		}
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		fn, ok := m.pass.TypesInfo.Uses[id].(*types.Func)
		if !ok {
			return true
		}
		fn = fn.Origin()
		if m.seen[fn] {
			return true
		}
		m.seen[fn] = true
		name := fn.FullName()
		fact := new(Reach)
		if e := m.cfg.lookup(name); e != nil {
			m.sink = !e.OwnCodeOnly || !m.dependency
			return true
		}
		switch {
		case m.cfg.isContextForm(name):
			m.contextForm = true
		case name == "context.Background", name == "context.TODO":
			m.background = true
		case fn.Pkg() != nil && fn.Pkg() != m.pass.Pkg && m.pass.ImportObjectFact(fn, fact):
			// A function that only waits on its context is like a
			// context form.
			m.sink = len(fact.Paths) > 0
			m.contextForm = m.contextForm || fact.Waits
		case m.pass.ImportObjectFact(fn.Origin(), new(Variant)):
			m.sink = true // a root's call of it is reported
		}
		if _, ok := ioHelpers[name]; ok {
			m.io = true
		}
		m.reflectMethod = m.reflectMethod || reflectMethods[name]
		m.reflectCall = m.reflectCall || reflectCalls[name]
		return true
	})
}

// ioSinkPackages holds the packages that declare types whose Write
// method is a sink.
var ioSinkPackages = func() map[string]bool {
	pkgs := make(map[string]bool)
	for _, e := range catalog.Entries() {
		recv, method, ok := strings.Cut(strings.TrimPrefix(e.Name, "(*"), ").")
		if ok && method == "Write" {
			pkgs[recv[:strings.LastIndexByte(recv, '.')]] = true
		}
	}
	return pkgs
}()
