package summary

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
)

// sitesOf finds the sites of fn.
func (r *Result) sitesOf(fn *ssa.Function) []*Site {
	for _, p := range closureCalls(fn) {
		r.node(fn).calledParams[slices.Index(fn.Params, p)] = true
	}
	var sites []*Site
	live := liveBlocks(fn, r.env.Constants)
	for _, b := range fn.Blocks {
		if live != nil && !live[b.Index] {
			continue // a branch on constants that cannot be taken
		}
		for _, instr := range b.Instrs {
			if r.waitsOnOwnContext(fn, instr) {
				r.node(fn).waitsHere = true
			}
			var s *Site
			switch instr := instr.(type) {
			case *ssa.Go:
				switch startsWaited(fn, instr.Common()) {
				case fullWait:
					s = r.callSite(fn, instr, instr.Common())
				case cancellableWait:
					// The function stops waiting when its context
					// ends: the goroutine's blocking calls no longer
					// hold the request, but its CPU-heavy work still
					// takes CPU from every request.
					if s = r.callSite(fn, instr, instr.Common()); s != nil {
						s.onlyCPU()
					}
				}
			case ssa.CallInstruction:
				s = r.callSite(fn, instr, instr.Common())
			case *ssa.UnOp:
				if instr.Op == token.ARROW {
					if name, ok := timerChannel(instr.X); ok && !inContextLoop(instr) && !drainsStopped(instr) {
						s = r.sinkSite(instr, name)
					}
				}
			case *ssa.Select:
				if name, ok := timerSelect(instr); ok && !inContextLoop(instr) {
					s = r.sinkSite(instr, name)
				}
			}
			if s == nil {
				continue
			}
			if d := r.cfg.Directives.IgnoredAt(s.headPos); d != nil {
				r.suppressed = append(r.suppressed, suppression{d, s})
				r.node(fn).ignoredSites = append(r.node(fn).ignoredSites, suppression{d, s})
			} else {
				sites = append(sites, s)
			}
		}
	}
	return sites
}

// onlyCPU keeps, of what the site reaches, only CPU-heavy work: its
// targets are trusted with their blocking calls, as a dependency given
// a context is.
func (s *Site) onlyCPU() {
	for i := range s.targets {
		s.targets[i].trusted = true
	}
	s.direct = slices.DeleteFunc(s.direct, func(p Path) bool { return p.Category != catalog.CPUHeavy })
}

func (r *Result) newSite(instr ssa.Instruction, pos token.Pos) *Site {
	s := &Site{Pos: pos, Instr: instr}
	if pos.IsValid() {
		s.headPos, _ = r.Span(pos)
		s.head = r.env.Fset.Position(s.headPos)
	}
	return s
}

// sinkSite returns a site that waits on a timer made by the catalog
// function name, or nil if configuration turns that sink off.
func (r *Result) sinkSite(instr ssa.Instruction, name string) *Site {
	e := r.cfg.lookup(name)
	if e == nil {
		return nil
	}
	s := r.newSite(instr, instr.Pos())
	_, inSelect := instr.(*ssa.Select)
	inSelect = inSelect || r.soleCases[instr.Pos()]
	s.direct = []Path{{Sink: e.Name, Category: e.Category, Calls: []Call{s.call(name, false)}, CallerHasContext: hasContext(instr.Parent()), InSelect: inSelect,
		InDependency: r.env.Dependency != nil && r.env.Dependency(instr.Parent())}}
	return s
}

// groupGo lists the methods that run their function argument on a new
// goroutine that the group's Wait method waits for.
var groupGo = map[string]bool{
	"(*golang.org/x/sync/errgroup.Group).Go":    true,
	"(*golang.org/x/sync/errgroup.Group).TryGo": true,
	"(*sync.WaitGroup).Go":                      true,
}

// ioHelpers maps standard functions that call Write on one of their
// arguments to that argument's index.
var ioHelpers = map[string]int{
	"io.Copy":        0,
	"io.CopyN":       0,
	"io.CopyBuffer":  0,
	"io.WriteString": 0,
}

// streamingMethods are the interface methods through which I/O
// pipelines are composed: writers wrapping writers, as gzip middleware
// wraps the http.ResponseWriter. Dynamic calls of them are not
// followed: that would charge each stage of a pipeline to every writer
// of a response, where the cost belongs to the stage's own set-up.
var streamingMethods = map[string]bool{
	"Write": true, "WriteString": true, "WriteByte": true, "WriteRune": true,
	"Read": true, "ReadFrom": true, "WriteTo": true,
	"Flush": true, "Close": true, "Header": true, "WriteHeader": true,
}

// callSite returns the site of a call, or nil if the call cannot reach
// a sink.
func (r *Result) callSite(fn *ssa.Function, instr ssa.Instruction, call *ssa.CallCommon) *Site {
	s := r.newSite(instr, instr.Pos())
	if callee := call.StaticCallee(); callee != nil {
		s.Callee = callee
		if isOffload(callee) {
			r.offload(s, fn, call, callee)
			return nil
		}
		found := r.resolve(s, fn, call, callee, false)
		if len(s.targets) == 1 {
			r.passedFuncs(s, fn, call)
		}
		if r.dispatch(s, fn, call, reflectCallees(call)) {
			found = true
		}
		if !found {
			return nil
		}
		return s
	}
	if p, ok := call.Value.(*ssa.Parameter); ok {
		// A call of a parameter calls whatever each caller passes:
		// callers resolve it, with the function value they pass.
		if i := slices.Index(fn.Params, p); i >= 0 {
			r.node(fn).calledParams[i] = true
		}
		return nil
	}
	if p, ok := capturedParam(call.Value); ok {
		// A parameter that a closure captures: in fn, which it
		// belongs to, a call of it as above; in the closure, the
		// enclosing function's callers resolve it, as closureCalls
		// tells them.
		if p.Parent() == fn {
			r.node(fn).calledParams[slices.Index(fn.Params, p)] = true
		}
		return nil
	}
	ci, ok := instr.(ssa.CallInstruction)
	if !ok || r.env.Callees == nil || call.IsInvoke() && streamingMethods[call.Method.Name()] {
		return nil
	}
	if !r.dispatch(s, fn, call, r.env.Callees(ci)) {
		return nil
	}
	return s
}

// dispatch adds to s what the dynamic call can reach through callees,
// and reports whether it added anything. A request root among them
// reports what it reaches itself, and marks the site as a dispatch,
// whose other callees are plumbing or handlers that were not
// recognised (see [Call.Dispatch]).
func (r *Result) dispatch(s *Site, fn *ssa.Function, call *ssa.CallCommon, callees []*ssa.Function) bool {
	if r.env.Root != nil {
		callees = slices.DeleteFunc(slices.Clone(callees), func(callee *ssa.Function) bool {
			if r.env.Root(callee) {
				s.dispatch = true
				return true
			}
			return false
		})
	}
	// Closures of several instances of one generic function each
	// belong to the instance that made them, which chose the type
	// arguments: a hook chain's next func() holds the closure of
	// Trigger[T] for every T of the program. The call cannot tell which
	// of them it calls, and following all of them would pair its
	// caller with what every instantiation's handlers do. (Instances of
	// a generic method are still followed: they share their code.)
	closures := make(map[*ssa.Function]int) // origin → instances
	for _, callee := range callees {
		if o := callee.Origin(); o != nil && o.Parent() != nil {
			closures[o]++
		}
	}
	found := false
	for _, callee := range callees {
		if o := callee.Origin(); o != nil && closures[o] > 1 {
			continue
		}
		if r.resolve(s, fn, call, callee, true) {
			found = true
		}
	}
	return found
}

// passedFuncs records, for a call to a local callee, the function values
// and the parameters of fn that the call passes: the callee may call
// them back, which its summary tells.
func (r *Result) passedFuncs(s *Site, fn *ssa.Function, call *ssa.CallCommon) {
	s.paramArgs = make([]int, len(call.Args))
	for i, arg := range call.Args {
		s.paramArgs[i] = slices.Index(fn.Params, asParam(arg))
	}
	s.funcArgs = r.localFuncArgs(call)
}

// localFuncArgs returns the function values that call passes, declared
// functions or function literals, that are summarised here.
func (r *Result) localFuncArgs(call *ssa.CallCommon) []funcArg {
	var args []funcArg
	for i, arg := range call.Args {
		var f *ssa.Function
		switch v := arg.(type) {
		case *ssa.Function:
			f = v
		case *ssa.MakeClosure:
			f, _ = v.Fn.(*ssa.Function)
		}
		if f != nil && len(f.Blocks) > 0 && r.env.Local(f) {
			args = append(args, funcArg{param: i, node: r.node(f), name: FuncName(f)})
		}
	}
	return args
}

func asParam(v ssa.Value) *ssa.Parameter {
	p, _ := v.(*ssa.Parameter)
	return p
}

// resolve adds to s what calling callee from fn reaches: a path to a
// sink, a target to summarise, or the paths of callee's fact. It
// reports whether it added anything.
func (r *Result) resolve(s *Site, fn *ssa.Function, call *ssa.CallCommon, callee *ssa.Function, dynamic bool) bool {
	obj := object(callee)
	name := FuncName(callee)
	if obj != nil {
		full := obj.FullName()
		name = ObjectName(obj)
		if groupGo[full] {
			if dynamic || len(call.Args) != 2 || waitsFor(fn, call.Args[0]) != fullWait {
				return false
			}
			f := (&ssa.CallCommon{Value: call.Args[1]}).StaticCallee()
			return f != nil && r.resolve(s, fn, &ssa.CallCommon{Value: call.Args[1]}, f, false)
		}
		if e := r.cfg.lookup(full); e != nil {
			origin, src, ok := r.applies(e, call, s.Instr)
			if !ok || e.OwnCodeOnly && r.env.Dependency != nil && r.env.Dependency(fn) {
				return false
			}
			s.Origin = origin
			s.direct = append(s.direct, Path{
				Sink: e.Name, Category: e.Category, Calls: []Call{s.call(name, dynamic)},
				Dynamic: b2i(dynamic), CallerHasContext: hasContext(fn), Configured: src == fromConfig,
				InDependency: r.env.Dependency != nil && r.env.Dependency(fn),
			})
			return true
		}
		if r.cfg.isContextForm(full) {
			given := givenBackground(call)
			if given == "" {
				return false
			}
			s.direct = append(s.direct, Path{Sink: full, Category: catalog.BackgroundContext, Given: given, Calls: []Call{s.call(name, dynamic)}, Dynamic: b2i(dynamic)})
			return true
		}
		if dst, ok := ioHelpers[full]; ok {
			p, ok := r.throughWriter(s, call, dst, name)
			if ok {
				s.direct = append(s.direct, p)
			}
			return ok
		}
	}
	// A dependency given the request's context is trusted to honour it:
	// what it blocks on inside is its own contract, and not something
	// the caller can change at the call. Its CPU-heavy work still counts.
	intoDependency := r.env.Dependency != nil && !r.env.Dependency(fn) && r.env.Dependency(callee)
	if len(callee.Blocks) > 0 && r.env.Local(callee) {
		s.targets = append(s.targets, target{
			node:          r.node(callee),
			name:          name,
			transparent:   callee.Synthetic != "" && callee.Syntax() == nil,
			dynamic:       dynamic,
			trusted:       intoDependency && carriesContext(call),
			given:         givenBackground(call),
			dependency:    intoDependency,
			full:          fullName(obj, name),
			passesContext: passesOwnContext(fn, call),
		})
		return true
	}
	if obj != nil && r.env.Fact != nil {
		if fact, ok := r.env.Fact(obj); ok {
			t := target{
				name: name, dynamic: dynamic, full: obj.FullName(),
				trusted:    fact.Dependency && carriesContext(call),
				given:      givenBackground(call),
				dependency: fact.Dependency,
			}
			added := false
			if t.given != "" && (t.dependency && blocks(fact.Paths) || fact.Waits) {
				s.direct = append(s.direct, s.backgroundPath(t))
				added = true
			}
			for _, p := range fact.Paths {
				if !t.trusts(p) {
					s.direct = append(s.direct, s.through(t, p))
					added = true
				}
			}
			return added
		}
	}
	return false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// applies reports whether a call to a catalog entry's function, at
// instr, is a sink. For entries with a condition on what made their
// command or request, it returns the position of that call; for
// entries with a condition on their pattern, the pattern's source.
func (r *Result) applies(e *catalog.Entry, call *ssa.CallCommon, instr ssa.Instruction) (token.Pos, source, bool) {
	switch e.When {
	case catalog.Always:
		return token.NoPos, unfixed, true
	case catalog.Uncached:
		return token.NoPos, unfixed, !isCached(instr)
	case catalog.OutsideContextLoop:
		return token.NoPos, unfixed, !inContextLoop(instr)
	case catalog.FixedPattern, catalog.FixedPatternUncached:
		if e.When == catalog.FixedPatternUncached && isCached(instr) {
			return token.NoPos, unfixed, false
		}
		src := r.patternSource(call)
		return token.NoPos, src, src != unfixed
	case catalog.CommandWithoutContext:
		if len(call.Args) > 0 {
			pos, ok := resultOf(call.Args[0], "os/exec.Command")
			return pos, unfixed, ok
		}
	case catalog.RequestWithoutContext:
		if len(call.Args) > 1 {
			pos, ok := resultOf(call.Args[1], "net/http.NewRequest")
			return pos, unfixed, ok
		}
	}
	return token.NoPos, unfixed, false // TimerWait: the wait, not the call, is the sink
}

// isCached reports whether instr is a call whose result is cached.
func isCached(instr ssa.Instruction) bool {
	v, ok := instr.(*ssa.Call)
	return ok && cached(v)
}

// throughWriter returns the path by which an io helper, called name,
// reaches a sink by calling Write on its argument i, when the
// argument's concrete type is known at the call.
func (r *Result) throughWriter(s *Site, call *ssa.CallCommon, i int, name string) (Path, bool) {
	if i >= len(call.Args) {
		return Path{}, false
	}
	mi, ok := call.Args[i].(*ssa.MakeInterface)
	if !ok {
		return Path{}, false
	}
	obj, _, _ := types.LookupFieldOrMethod(mi.X.Type(), true, nil, "Write")
	m, ok := obj.(*types.Func)
	if !ok {
		return Path{}, false
	}
	e := r.cfg.lookup(m.FullName())
	if e == nil || e.When != catalog.Always {
		return Path{}, false
	}
	return Path{Sink: e.Name, Category: e.Category, Calls: []Call{
		s.call(name, false),
		s.call(ObjectName(m), false),
	}}, true
}

// closureCalls returns the parameters of fn that the closures it makes,
// or closures they make, call. A helper that wraps its callback in a
// closure (a retry, a transaction, a WaitGroup.Go) is taken to call it:
// its callers then resolve the call with the function value each
// passes, as for a direct call of the parameter, instead of with every
// caller's callback at once.
func closureCalls(fn *ssa.Function) []*ssa.Parameter {
	var params []*ssa.Parameter
	var walk func(anon *ssa.Function)
	walk = func(anon *ssa.Function) {
		for _, b := range anon.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if p, ok := capturedParam(call.Common().Value); ok && p.Parent() == fn && !slices.Contains(params, p) {
					params = append(params, p)
				}
			}
		}
		for _, nested := range anon.AnonFuncs {
			walk(nested)
		}
	}
	for _, anon := range fn.AnonFuncs {
		walk(anon)
	}
	return params
}

// capturedParam returns the parameter that v holds when v loads a
// variable captured by a closure whose only value is that parameter:
// in the function the parameter belongs to, or in a closure it makes.
func capturedParam(v ssa.Value) (*ssa.Parameter, bool) {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, false
	}
	cell := load.X
	if fv, ok := cell.(*ssa.FreeVar); ok {
		cell = binding(fv)
	}
	alloc, ok := cell.(*ssa.Alloc)
	if !ok || !alloc.Heap {
		return nil, false
	}
	var param *ssa.Parameter
	for _, ref := range *alloc.Referrers() {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Addr != alloc {
			continue
		}
		p, ok := st.Val.(*ssa.Parameter)
		if !ok || param != nil && p != param {
			return nil, false
		}
		param = p
	}
	return param, param != nil
}

// binding returns the value that the free variable v is bound to in
// the function that makes the outermost closure between them, or nil
// if one of the closures escapes.
func binding(v *ssa.FreeVar) ssa.Value {
	closure := v.Parent()
	parent := closure.Parent()
	i := slices.Index(closure.FreeVars, v)
	if parent == nil || i < 0 {
		return nil
	}
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != closure || i >= len(mc.Bindings) {
				continue
			}
			if escapes(mc) {
				return nil
			}
			if outer, ok := mc.Bindings[i].(*ssa.FreeVar); ok {
				return binding(outer)
			}
			return mc.Bindings[i]
		}
	}
	return nil
}

// escapes reports whether the closure that mc makes may run after the
// function that makes it has returned: it is used otherwise than called
// or passed to a call. A middleware's returned handler escapes; the
// callback given to a retry helper does not.
func escapes(mc *ssa.MakeClosure) bool {
	for _, ref := range *mc.Referrers() {
		switch ref := ref.(type) {
		case ssa.CallInstruction:
			if _, ok := ref.(*ssa.Go); ok {
				return true // waited for or not, it is not the parent's call
			}
		case *ssa.DebugRef:
		default:
			return true
		}
	}
	return false
}

// fullName returns the full name of obj, or name when there is no
// object (a function literal).
func fullName(obj *types.Func, name string) string {
	if obj == nil {
		return name
	}
	return obj.FullName()
}
