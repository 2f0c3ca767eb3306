// Package directive reads blockcheck's comment directives:
//
//	//blockcheck:ignore <reason>   on or above a line: report nothing there
//	//blockcheck:heavy <reason>    in a function's doc comment: the function is a sink
//
// A directive in a function's doc comment covers the whole function:
// ignore there means that nothing reached through the function is
// reported. Every directive must give a reason.
package directive

import (
	"go/ast"
	"go/token"
	"strings"
)

const prefix = "//blockcheck:"

// A Kind says what a directive does.
type Kind string

// The directive kinds.
const (
	Ignore Kind = "ignore"
	Heavy  Kind = "heavy"
)

// A Directive is one //blockcheck: comment.
type Directive struct {
	Kind   Kind
	Reason string
	// Pos and End span the comment.
	Pos, End token.Pos
	// Problem, if not empty, says why the directive is malformed;
	// malformed directives have no effect.
	Problem string
}

type fileLine struct {
	file *token.File
	line int
}

// A Set holds the directives of a package.
type Set struct {
	fset    *token.FileSet
	all     []*Directive
	byLine  map[fileLine]*Directive // ignore directives, by the lines they cover
	funcDoc map[*ast.FuncDecl][]*Directive
}

// Parse collects the directives in files.
func Parse(fset *token.FileSet, files []*ast.File) *Set {
	s := &Set{fset: fset}
	for _, file := range files {
		if !mentions(file) {
			continue
		}
		docs := make(map[*ast.CommentGroup]*ast.FuncDecl)
		for _, decl := range file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Doc != nil {
				docs[fd.Doc] = fd
			}
		}
		tf := fset.File(file.Pos())
		code := codeBefore(tf, file)
		for _, group := range file.Comments {
			for _, c := range group.List {
				d := parse(c)
				if d == nil {
					continue
				}
				s.all = append(s.all, d)
				if d.Problem != "" {
					continue
				}
				if fd := docs[group]; fd != nil {
					if s.funcDoc == nil {
						s.funcDoc = make(map[*ast.FuncDecl][]*Directive)
					}
					s.funcDoc[fd] = append(s.funcDoc[fd], d)
					continue
				}
				if d.Kind == Heavy {
					d.Problem = "//blockcheck:heavy belongs in a function's doc comment"
					continue
				}
				if s.byLine == nil {
					s.byLine = make(map[fileLine]*Directive)
				}
				// A directive on a line of its own covers the next line; one
				// that trails code covers only its own line.
				line := tf.Line(c.Pos())
				s.byLine[fileLine{tf, line}] = d
				if end, ok := code[line]; !ok || end > c.Pos() {
					s.byLine[fileLine{tf, line + 1}] = d
				}
			}
		}
	}
	return s
}

// Join returns the set of the directives of sets, of files in fset, in
// the order of sets.
func Join(fset *token.FileSet, sets []*Set) *Set {
	s := &Set{fset: fset}
	for _, o := range sets {
		s.all = append(s.all, o.all...)
		for k, d := range o.byLine {
			if s.byLine == nil {
				s.byLine = make(map[fileLine]*Directive)
			}
			s.byLine[k] = d
		}
		for k, ds := range o.funcDoc {
			if s.funcDoc == nil {
				s.funcDoc = make(map[*ast.FuncDecl][]*Directive)
			}
			s.funcDoc[k] = ds
		}
	}
	return s
}

// codeBefore maps each line of file to the earliest position at which
// a syntax node ends on that line: a comment after that position
// trails code.
func codeBefore(tf *token.File, file *ast.File) map[int]token.Pos {
	ends := make(map[int]token.Pos)
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		switch n.(type) {
		case *ast.CommentGroup, *ast.Comment:
			return false
		}
		end := n.End()
		line := tf.Line(end)
		if old, ok := ends[line]; !ok || end < old {
			ends[line] = end
		}
		return true
	})
	return ends
}

// mentions reports whether file has any comment that may be a directive,
// so that most files cost one scan of their comments.
func mentions(file *ast.File) bool {
	for _, group := range file.Comments {
		for _, c := range group.List {
			if strings.HasPrefix(c.Text, prefix) {
				return true
			}
		}
	}
	return false
}

func parse(c *ast.Comment) *Directive {
	text, ok := strings.CutPrefix(c.Text, prefix)
	if !ok {
		return nil
	}
	verb, reason, _ := strings.Cut(text, " ")
	// A comment after the directive is not part of its reason.
	reason, _, _ = strings.Cut(reason, "//")
	d := &Directive{Kind: Kind(verb), Reason: strings.TrimSpace(reason), Pos: c.Pos(), End: c.End()}
	switch d.Kind {
	case Ignore, Heavy:
		if d.Reason == "" {
			d.Problem = "//blockcheck:" + verb + " needs a reason, as in //blockcheck:" + verb + " <why>"
		}
	default:
		d.Problem = "unknown directive //blockcheck:" + verb + " (want ignore or heavy)"
	}
	return d
}

// All returns every directive, malformed ones included, in source order.
func (s *Set) All() []*Directive { return s.all }

// Ignores returns the well-formed ignore directives, in source order.
func (s *Set) Ignores() []*Directive {
	var ignores []*Directive
	for _, d := range s.all {
		if d.Kind == Ignore && d.Problem == "" {
			ignores = append(ignores, d)
		}
	}
	return ignores
}

// IgnoredAt returns the ignore directive that covers pos, if any.
func (s *Set) IgnoredAt(pos token.Pos) *Directive {
	if len(s.byLine) == 0 || !pos.IsValid() {
		return nil
	}
	tf := s.fset.File(pos)
	if tf == nil {
		return nil
	}
	return s.byLine[fileLine{tf, tf.Line(pos)}]
}

// OnFunc returns the directive of the given kind in decl's doc comment, if any.
func (s *Set) OnFunc(decl *ast.FuncDecl, kind Kind) *Directive {
	for _, d := range s.funcDoc[decl] {
		if d.Kind == kind {
			return d
		}
	}
	return nil
}

// HasHeavy reports whether any function carries a heavy directive.
func (s *Set) HasHeavy() bool {
	for _, ds := range s.funcDoc {
		for _, d := range ds {
			if d.Kind == Heavy {
				return true
			}
		}
	}
	return false
}
