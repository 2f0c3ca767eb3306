package summary

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
)

// Waits on a function's own context.
//
// A function that waits on something its context cancels (a query
// given that context, a select on a timer and the context's Done
// channel) is no sink: the request's context ends the wait. But a
// caller that gives it context.Background() or context.TODO() takes
// that away, as a Deprecated wrapper left by a Context variant fix
// does: func Sleep(d time.Duration) { SleepContext(context.Background(), d) }.
// Such a call is reported as a background-context path wherever it is
// on the chain (see target.givenBackground), and the callers of the
// wrapper are moved to the variant.
//
// Waits in the package (or, in whole-program mode, the program) are
// known, and so are those of the application's other packages, whose
// facts carry them; a dependency given a background context is
// reported when it blocks.

// ownContext returns fn's first context.Context parameter, or nil.
func ownContext(fn *ssa.Function) *ssa.Parameter {
	for _, p := range fn.Params {
		if isContext(p.Type()) {
			return p
		}
	}
	return nil
}

// passesOwnContext reports whether call gives its callee, as its first
// context, fn's own context unchanged.
func passesOwnContext(fn *ssa.Function, call *ssa.CallCommon) bool {
	ctx := ownContext(fn)
	arg := contextArg(call)
	return ctx != nil && arg != nil && origin(arg) == ctx
}

// contextBuilders are context-aware forms that only attach the context
// to what they build, by the condition of the sinks that run it: the
// wait is the later call that runs it, perhaps with another context (a
// request made with context.Background() and given its caller's
// context before it is sent).
var contextBuilders = map[catalog.Condition]struct {
	name string // the builder's full name
	arg  int    // the sink's argument that it builds
}{
	catalog.CommandWithoutContext: {"os/exec.CommandContext", 0},
	catalog.RequestWithoutContext: {"net/http.NewRequestWithContext", 1},
}

// isBuilder reports whether name is one of contextBuilders.
func isBuilder(name string) bool {
	for _, b := range contextBuilders {
		if b.name == name {
			return true
		}
	}
	return false
}

// runsBuilt reports whether call, in fn, runs a command or request that
// a builder (contextBuilders) made with fn's own context.
func (r *Result) runsBuilt(fn *ssa.Function, call *ssa.CallCommon, name string) bool {
	e := r.cfg.lookup(name)
	if e == nil {
		return false
	}
	b, ok := contextBuilders[e.When]
	if !ok || b.arg >= len(call.Args) {
		return false
	}
	built := callOf(call.Args[b.arg], b.name)
	return built != nil && passesOwnContext(fn, built.Common())
}

// waitsOnOwnContext reports whether instr, in fn, waits on something
// that only fn's own context cancels: a call of a catalog sink's
// context-aware form given that context, or, for contextBuilders, a
// call that runs what one built with it; or a select that waits on
// timers and that context's Done channel and on nothing else.
func (r *Result) waitsOnOwnContext(fn *ssa.Function, instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.Call:
		callee := instr.Call.StaticCallee()
		if callee == nil {
			return false
		}
		obj := object(callee)
		if obj == nil {
			return false
		}
		name := obj.FullName()
		if r.cfg.isContextForm(name) && !isBuilder(name) && passesOwnContext(fn, instr.Common()) {
			return true
		}
		if !r.env.Local(callee) && r.env.Fact != nil && passesOwnContext(fn, instr.Common()) {
			if fact, ok := r.env.Fact(obj); ok && fact.Waits {
				return true // a function of another package waits on it
			}
		}
		return r.runsBuilt(fn, instr.Common(), name)
	case *ssa.Select:
		ctx := ownContext(fn)
		if ctx == nil || !instr.Blocking {
			return false
		}
		timer, done := false, false
		for _, st := range instr.States {
			if st.Dir != types.RecvOnly {
				return false
			}
			if _, ok := timerChannel(st.Chan); ok {
				timer = true
				continue
			}
			call, ok := origin(st.Chan).(*ssa.Call)
			if !ok || contextMethod(call.Common()) != "Done" || origin(call.Call.Value) != ctx {
				return false
			}
			done = true
		}
		return timer && done
	}
	return false
}

// waitsOnContext reports whether n's function waits on its own
// context, itself or through a callee it passes that context to.
func (n *node) waitsOnContext() bool {
	if n.self != nil || n.ignored != nil {
		return false
	}
	return n.waitsHere || slices.ContainsFunc(n.sites, func(s *Site) bool {
		return slices.ContainsFunc(s.targets, func(t target) bool { return t.passesContext && t.node.waits })
	})
}
