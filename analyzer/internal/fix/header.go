package fix

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// initOf returns the init statement of an if or switch statement, or
// nil.
func initOf(n ast.Node) ast.Stmt {
	switch n := n.(type) {
	case *ast.IfStmt:
		return n.Init
	case *ast.SwitchStmt:
		return n.Init
	case *ast.TypeSwitchStmt:
		return n.Init
	}
	return nil
}

// splitHeader turns fix, made for the init statement of f.header as if
// it stood on its own, into a fix that moves the rewritten statement in
// front of the header:
//
//	if err := f(x); err != nil {  →  err, errOffload := offload.Value(…)
//	                                 if errOffload != nil { … }
//	                                 if err != nil {
//
// The names the statement declares then live on after the if or switch
// statement. Where that could change what the code means (a name is
// declared in the enclosing block already or used after the statement,
// the statement is an else branch, the function has a goto that could
// jump over the declarations), the result goes in a block of its own,
// as the header's scope was:
//
//	{
//		err, errOffload := offload.Value(…)
//		…
//		if err != nil {
//		}
//	}
func (f *fixer) splitHeader(fix *analysis.SuggestedFix) (*analysis.SuggestedFix, error) {
	h, init := f.header, initOf(f.header)
	var keyword string
	var next token.Pos // the header's first token after the init statement
	switch h := h.(type) {
	case *ast.IfStmt:
		keyword, next = "if", h.Cond.Pos()
	case *ast.SwitchStmt:
		keyword, next = "switch", h.Body.Lbrace
		if h.Tag != nil {
			next = h.Tag.Pos()
		}
	case *ast.TypeSwitchStmt:
		keyword, next = "switch", h.Assign.Pos()
	}
	var inside, edits []analysis.TextEdit
	for _, e := range fix.TextEdits {
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		if init.Pos() <= e.Pos && end <= init.End() {
			inside = append(inside, e)
		} else {
			edits = append(edits, e)
		}
	}
	stmt, err := f.applyTo(init, inside)
	if err != nil {
		return nil, err
	}
	indent := f.indent(h.Pos())
	if f.mayLeak(h, init) {
		edits = append(edits, analysis.TextEdit{Pos: h.Pos(), End: next, NewText: []byte(stmt + "\n" + indent + keyword + " ")})
		return &analysis.SuggestedFix{Message: fix.Message, TextEdits: edits}, nil
	}
	in := indent + "\t"
	stmt = strings.ReplaceAll(stmt, "\n", "\n\t")
	edits = append(edits,
		analysis.TextEdit{Pos: h.Pos(), End: next, NewText: []byte("{\n" + in + stmt + "\n" + in + keyword + " ")},
		analysis.TextEdit{Pos: h.End(), End: h.End(), NewText: []byte("\n" + indent + "}")},
	)
	return &analysis.SuggestedFix{Message: fix.Message, TextEdits: edits}, nil
}

// applyTo returns the text of n with edits, all within n, applied.
func (f *fixer) applyTo(n ast.Node, edits []analysis.TextEdit) (string, error) {
	return f.applyIn(f.file, n, edits)
}

// mayLeak reports whether the names that init, the init statement of
// the header h, and the fix declare may outlive h without changing
// what the code means: h is in a block, the names are not declared in
// that block already, nor mentioned after h, and no goto could jump
// over their declarations.
func (f *fixer) mayLeak(h, init ast.Stmt) bool {
	var block ast.Node
	var list []ast.Stmt
	for i, n := range f.path {
		if n != h || i+1 == len(f.path) {
			continue
		}
		switch p := f.path[i+1].(type) {
		case *ast.BlockStmt:
			block, list = p, p.List
		case *ast.CaseClause:
			block, list = p, p.Body
		case *ast.CommClause:
			block, list = p, p.Body
		}
	}
	if block == nil || !slices.Contains(list, h) {
		return false // an else branch
	}
	scope := f.pass.TypesInfo.Scopes[block]
	if block == f.body {
		scope = f.pass.TypesInfo.Scopes[f.fn] // a body shares its function's scope
	}
	if scope == nil {
		return false
	}
	names := slices.Clone(f.declared)
	ast.Inspect(init, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && f.pass.TypesInfo.Defs[id] != nil {
			names = append(names, id.Name)
		}
		return true
	})
	for _, name := range names {
		if scope.Lookup(name) != nil || f.usedAfter(block, h, name) {
			return false
		}
	}
	hasGoto := false
	ast.Inspect(f.body, func(n ast.Node) bool {
		if br, ok := n.(*ast.BranchStmt); ok && br.Tok == token.GOTO {
			hasGoto = true
		}
		return !hasGoto
	})
	return !hasGoto
}
