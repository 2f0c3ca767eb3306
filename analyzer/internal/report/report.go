// Package report turns summaries into diagnostics: one per call site in
// a request root that reaches a sink, placed on the call's head, with
// the chain of calls in the message and each hop as related
// information.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
	"github.com/blockcheck/blockcheck/analyzer/internal/directive"
	"github.com/blockcheck/blockcheck/analyzer/internal/roots"
	"github.com/blockcheck/blockcheck/analyzer/internal/summary"
)

// CategoryDirective is the category of diagnostics about malformed
// //blockcheck: directives.
const CategoryDirective = "directive"

// A Reporter reports the findings of one package.
type Reporter struct {
	pass    *analysis.Pass
	cfg     summary.Config
	res     *summary.Result
	isRoot  map[*ssa.Function]bool
	skipped map[*token.File]bool // generated files
	byName  map[string]*token.File
}

// New returns a Reporter for the package of pass.
func New(pass *analysis.Pass, cfg summary.Config, res *summary.Result, rs []roots.Root) *Reporter {
	r := &Reporter{
		pass:    pass,
		cfg:     cfg,
		res:     res,
		isRoot:  make(map[*ssa.Function]bool, len(rs)),
		skipped: make(map[*token.File]bool),
	}
	for _, root := range rs {
		r.isRoot[root.Fn] = true
	}
	for _, f := range pass.Files {
		if ast.IsGenerated(f) {
			r.skipped[pass.Fset.File(f.Pos())] = true
		}
	}
	return r
}

// Directives reports malformed directives.
func Directives(pass *analysis.Pass, set *directive.Set) {
	for _, d := range set.All() {
		if d.Problem != "" {
			pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.End, Category: CategoryDirective, Message: d.Problem})
		}
	}
}

// Root reports each call site in root that reaches a sink.
func (r *Reporter) Root(root roots.Root) {
	if !root.Fn.Pos().IsValid() || r.skipped[r.pass.Fset.File(root.Fn.Pos())] {
		return
	}
	name := strings.TrimPrefix(summary.FuncName(root.Fn), r.pass.Pkg.Name()+".")
	seen := make(map[token.Pos]bool)
	for _, site := range r.res.Sites(root.Fn) {
		if !site.Pos.IsValid() || seen[site.Pos] || r.calleeIsRoot(site.Callee) {
			continue
		}
		seen[site.Pos] = true
		paths := site.Paths()
		best := paths[0]
		pos, end := r.res.Span(site.Pos)
		r.pass.Report(analysis.Diagnostic{
			Pos:      pos,
			End:      end,
			Category: string(best.Category),
			Message:  r.message(name, best, paths[1:]),
			Related:  r.related(best),
		})
	}
}

// calleeIsRoot reports whether fn is a root itself, which reports what
// it reaches at its own call sites.
func (r *Reporter) calleeIsRoot(fn *ssa.Function) bool {
	if fn == nil {
		return false
	}
	if fn.Pkg != nil && fn.Pkg.Pkg == r.pass.Pkg {
		return r.isRoot[fn]
	}
	obj, ok := fn.Object().(*types.Func)
	return ok && roots.IsRoot(obj)
}

// message composes "root calls sink via a → b: why; remedy".
func (r *Reporter) message(root string, p summary.Path, others []summary.Path) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s calls %s", root, p.SinkName())
	if p.Category == catalog.BackgroundContext {
		b.WriteString(" with context.Background()")
	}
	via := p.Via()
	if len(via) > 0 {
		fmt.Fprintf(&b, " via %s", strings.Join(via, " → "))
	}
	why, remedy := r.explain(p, via)
	fmt.Fprintf(&b, ": %s; %s", why, remedy)
	if len(others) > 0 {
		fmt.Fprintf(&b, " (this call also reaches %s", others[0].SinkName())
		if len(others) > 1 {
			fmt.Fprintf(&b, " and %d more", len(others)-1)
		}
		b.WriteString(")")
	}
	return b.String()
}

// explain returns the why and the remedy for p's sink.
func (r *Reporter) explain(p summary.Path, via []string) (why, remedy string) {
	if p.Reason != "" {
		return p.Reason + " (marked //blockcheck:heavy)", "run it with offload"
	}
	if p.Category == catalog.BackgroundContext {
		return "the call can be cancelled, but not by the request", "pass the request's context instead"
	}
	e, ok := catalog.Lookup(p.Sink)
	if !ok {
		e = r.cfg.Extra[p.Sink]
	}
	if e == nil {
		return "it is declared heavy", "run it with offload"
	}
	why, remedy = e.Why, e.Remedy
	if e.Category == catalog.Blocking && e.NeedsContext && len(via) > 0 {
		remedy = "pass the request's context down to " + via[len(via)-1] + " and " +
			strings.ReplaceAll(remedy, "the request's context", "it")
	}
	return why, remedy
}

// related returns one entry per hop of p after the first, at the hop's
// call site when its position is known here.
func (r *Reporter) related(p summary.Path) []analysis.RelatedInformation {
	var related []analysis.RelatedInformation
	for i := 1; i < len(p.Calls); i++ {
		pos := p.Calls[i].Pos()
		if !pos.IsValid() {
			pos = r.resolve(p.Calls[i].Position())
		}
		if !pos.IsValid() {
			continue
		}
		related = append(related, analysis.RelatedInformation{
			Pos:     pos,
			Message: fmt.Sprintf("%s calls %s", p.Calls[i-1].Callee, p.Calls[i].Callee),
		})
	}
	return related
}

// resolve turns a position from a fact back into a position in the
// current file set, if that file is in it. Files known only from export
// data have one-byte lines and no columns: the column is dropped when it
// would run past its line.
func (r *Reporter) resolve(posn token.Position) token.Pos {
	if r.byName == nil {
		r.byName = make(map[string]*token.File)
		r.pass.Fset.Iterate(func(f *token.File) bool {
			r.byName[f.Name()] = f
			return true
		})
	}
	tf := r.byName[posn.Filename]
	if tf == nil || posn.Line < 1 || posn.Line > tf.LineCount() {
		return token.NoPos
	}
	start := tf.LineStart(posn.Line)
	end := tf.Size()
	if posn.Line < tf.LineCount() {
		end = tf.Offset(tf.LineStart(posn.Line + 1))
	}
	if off := tf.Offset(start) + posn.Column - 1; posn.Column >= 1 && off < end {
		return tf.Pos(off)
	}
	return start
}
