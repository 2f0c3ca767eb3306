package summary

import (
	"cmp"
	"go/token"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
)

// Reach is the fact blockcheck exports for a function that can reach
// sinks: for each sink, the shortest chain of calls that leads to it.
// Facts are exported only for functions that other packages can call
// by name, and only when they reach something or wait on their own
// context.
type Reach struct {
	Paths []Path
	// Dependency says the function belongs to a dependency of the main
	// module (a module with a version).
	Dependency bool
	// Waits says the function waits on something that only its own
	// context cancels (see node.waits): a caller that gives it
	// context.Background() takes the request's cancellation away.
	Waits bool
}

// AFact marks Reach as an analysis fact.
func (*Reach) AFact() {}

// String lists the sinks, and says whether the function waits on its
// context, as tests expect them: "reaches bcrypt.GenerateFromPassword,
// sql.DB.Query", "reaches time.Sleep; waits on its context".
func (r *Reach) String() string {
	names := make([]string, len(r.Paths))
	for i, p := range r.Paths {
		names[i] = p.SinkName()
	}
	s := "reaches " + strings.Join(names, ", ")
	switch {
	case r.Waits && len(names) == 0:
		return "waits on its context"
	case r.Waits:
		return s + "; waits on its context"
	}
	return s
}

// A Path is a chain of calls from a function to a sink. The first call
// is made by the function itself; the last one calls the sink.
type Path struct {
	// Sink is the full name of the sinks's function, the key of its
	// catalog entry.
	Sink string
	// Category says what kind of sink this is.
	Category catalog.Category
	// Reason explains a sink that a //blockcheck:heavy directive
	// declared; it is empty for sinks from the catalog.
	Reason string
	// Given is the context a background-context path's call is given:
	// "context.Background()" or "context.TODO()".
	Given string
	// Calls is the chain. It is empty only in the fact of a function
	// that is itself a sink by directive. A long chain keeps only its
	// first and last maxCalls/2 calls.
	Calls []Call
	// Elided counts the calls left out of the middle of a long chain,
	// between Calls[maxCalls/2-1] and Calls[maxCalls/2].
	Elided int
	// Dynamic counts the calls in the chain made through an interface
	// or a function value, which only whole-program mode follows, or
	// dispatched by reflection.
	Dynamic int
	// CallerHasContext says that the function making the last call,
	// the one to the sink, has a context.Context at hand: a parameter
	// or a captured variable.
	CallerHasContext bool
	// InSelect says that the sink is a wait in a select whose every
	// case receives from a timer, not a receive on its own.
	InSelect bool
	// InDependency says that the sink's call is made in a dependency of
	// the main module, where the application cannot give it a context.
	InDependency bool
	// Configured says that the sink compiles a pattern that comes from
	// configuration, not a constant: its remedy is the catalog entry's
	// ConfiguredRemedy.
	Configured bool
}

// maxCalls bounds the calls a Path keeps, so that deep call chains
// (generated parsers, say) cost linear, not quadratic, space.
const maxCalls = 16

// Len returns the number of calls in the chain, elided ones included.
func (p Path) Len() int { return len(p.Calls) + p.Elided }

// prepend returns p with c as its first call, eliding the call in the
// middle of the chain when it grows past maxCalls.
func (p Path) prepend(c Call) Path {
	calls := make([]Call, 0, len(p.Calls)+1)
	calls = append(calls, c)
	calls = append(calls, p.Calls...)
	if len(calls) > maxCalls {
		calls = append(calls[:maxCalls/2], calls[maxCalls/2+1:]...)
		p.Elided++
	}
	p.Calls = calls
	return p
}

// A Call is one hop of a Path.
type Call struct {
	// Callee names the function called, as "auth.HashPassword".
	Callee string
	// File, Line and Col give the position of the call; they are
	// empty for calls that synthetic code makes.
	File      string
	Line, Col int
	// Dynamic says that the call goes through an interface or a
	// function value, as a whole-program call graph resolved it, or
	// is a (reflect.Value).Call that runs a method of a known type.
	Dynamic bool
	// Dispatch says that the call is a dispatch: a dynamic call that
	// can also reach request roots, as a router or a middleware chain
	// calls the handler it was given. What it reaches is reported at
	// the handlers, or once at a dispatcher when no handler reaches it
	// (see [Path.Dispatched]).
	Dispatch bool

	pos token.Pos // the call's position in the current file set, if known
}

// Pos returns the call's position in the file set of the package that
// found it, or token.NoPos for a call found in another package.
func (c Call) Pos() token.Pos { return c.pos }

// Position returns the position of the call.
func (c Call) Position() token.Position {
	return token.Position{Filename: c.File, Line: c.Line, Column: c.Col}
}

// Dispatched reports whether the path goes through a dispatch: a
// dynamic call that can also reach request roots.
func (p Path) Dispatched() bool {
	return slices.ContainsFunc(p.Calls, func(c Call) bool { return c.Dispatch })
}

// SinkCall returns the position of the call of the path's sink, which
// identifies the sink's call site across the paths that reach it.
func (p Path) SinkCall() token.Position {
	if len(p.Calls) == 0 {
		return token.Position{}
	}
	return p.Calls[len(p.Calls)-1].Position()
}

// SinkName returns the display name of the path's sink.
func (p Path) SinkName() string {
	if len(p.Calls) == 0 {
		return p.Sink
	}
	return p.Calls[len(p.Calls)-1].Callee
}

// Via returns the names of the functions between the path's start and
// its sink. Where calls were elided, it holds "…".
func (p Path) Via() []string {
	var via []string
	for i, c := range p.Calls[:max(len(p.Calls)-1, 0)] {
		if i == maxCalls/2 && p.Elided > 0 {
			via = append(via, "…")
		}
		via = append(via, c.Callee)
	}
	return via
}

// Adjacent reports whether Calls[i] is made by the callee of
// Calls[i-1], that is, whether no calls were elided between them.
func (p Path) Adjacent(i int) bool { return p.Elided == 0 || i != maxCalls/2 }

// compare orders paths from most to least worth reporting: by category
// severity, then by length, then by the number of dynamic calls, then
// by the positions of their calls (so that the first in source order
// wins), then by sink. It is a
// total order on distinct paths, so choices never depend on map order.
func compare(p, q Path) int {
	if d := p.Category.Rank() - q.Category.Rank(); d != 0 {
		return d
	}
	if d := p.Len() - q.Len(); d != 0 {
		return d
	}
	if d := p.Dynamic - q.Dynamic; d != 0 {
		return d
	}
	for i := range p.Calls {
		pc, qc := p.Calls[i], q.Calls[i]
		if d := cmp.Or(
			strings.Compare(pc.File, qc.File),
			cmp.Compare(pc.Line, qc.Line),
			cmp.Compare(pc.Col, qc.Col),
			strings.Compare(pc.Callee, qc.Callee),
		); d != 0 {
			return d
		}
	}
	return strings.Compare(p.Sink, q.Sink)
}
