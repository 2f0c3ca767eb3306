package program

import (
	"go/types"

	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// reachable returns the functions with bodies that may run when the
// program starts at seeds, for which local holds. It is rapid type
// analysis made coarser, to take one pass: a function is reachable when
// a reachable function calls it statically, or makes its value (a
// closure, a function or method value), or converts a type that has it
// as a method to an interface. A function value is then reachable
// whether or not some call of its type is, which takes in the callbacks
// that only a function without a body here calls (sync.Once.Do,
// sort.Slice, the standard library's hooks).
//
// What this leaves out is code that nothing the seeds run makes or
// calls: the rest of a dependency, dead code, other programs' parts.
func reachable(prog *ssa.Program, seeds []*ssa.Function, local func(*ssa.Function) bool) map[*ssa.Function]bool {
	seen := make(map[*ssa.Function]bool)
	var made typeutil.Map // types converted to interfaces
	var queue []*ssa.Function
	add := func(fn *ssa.Function) {
		// A generic function runs only in its instances, which are
		// found where they are made.
		if fn != nil && !seen[fn] && !generic(fn) {
			seen[fn] = true
			queue = append(queue, fn)
		}
	}
	for _, fn := range seeds {
		add(fn)
	}
	var space [32]*ssa.Value
	for len(queue) > 0 {
		fn := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				rands := instr.Operands(space[:0])
				switch instr := instr.(type) {
				case ssa.CallInstruction:
					add(instr.Common().StaticCallee())
					rands = rands[1:] // the function called
				case *ssa.MakeInterface:
					if t := instr.X.Type(); made.At(t) == nil {
						made.Set(t, true)
						methods := prog.MethodSets.MethodSet(t)
						for sel := range methods.Methods() {
							if sel.Obj().Type().(*types.Signature).TypeParams() == nil {
								add(prog.MethodValue(sel))
							}
						}
					}
				}
				for _, op := range rands {
					if f, ok := (*op).(*ssa.Function); ok {
						add(f)
					}
				}
			}
		}
	}
	funcs := make(map[*ssa.Function]bool, len(seen))
	for fn := range seen {
		if len(fn.Blocks) > 0 && local(fn) {
			funcs[fn] = true
		}
	}
	return funcs
}

// generic reports whether fn is a generic function or method, or a
// closure of one, not an instance.
func generic(fn *ssa.Function) bool {
	for f := fn; f != nil; f = f.Parent() {
		if f.TypeParams().Len() > 0 && len(f.TypeArgs()) == 0 {
			return true
		}
	}
	return false
}

// typeGraph returns the call graph of bodies by rapid type analysis:
// a dynamic call reaches every method of the types that bodies convert
// to an interface that the call's interface has, or every function of
// the call's signature whose value bodies make. It stands in for VTA
// only to measure what VTA is worth (BLOCKCHECK_DEBUG=rta).
func typeGraph(prog *ssa.Program, bodies map[*ssa.Function]bool) *callgraph.Graph {
	values := makes(bodies)
	converted := values.makers.Keys() // types converted to interfaces
	var byMethod typeutil.Map         // interface → map[string][]*ssa.Function
	var bySig typeutil.Map            // signature → []*ssa.Function
	invoked := func(iface types.Type, m *types.Func) []*ssa.Function {
		memo, _ := byMethod.At(iface).(map[string][]*ssa.Function)
		if memo == nil {
			memo = make(map[string][]*ssa.Function)
			byMethod.Set(iface, memo)
		}
		fns, ok := memo[m.Name()]
		if !ok {
			it := iface.Underlying().(*types.Interface)
			for _, t := range converted {
				if !types.Implements(t, it) {
					continue
				}
				if sel := prog.MethodSets.MethodSet(t).Lookup(m.Pkg(), m.Name()); sel != nil {
					fns = append(fns, prog.MethodValue(sel))
				}
			}
			memo[m.Name()] = fns
		}
		return fns
	}
	called := func(sig *types.Signature) []*ssa.Function {
		if fns, ok := bySig.At(sig).([]*ssa.Function); ok {
			return fns
		}
		var fns []*ssa.Function
		for f := range values.uses {
			if types.Identical(f.Signature, sig) {
				fns = append(fns, f)
			}
		}
		bySig.Set(sig, fns)
		return fns
	}
	g := &callgraph.Graph{Nodes: make(map[*ssa.Function]*callgraph.Node)} // no root, as VTA's
	for fn := range bodies {
		caller := g.CreateNode(fn)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				site, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				common := site.Common()
				var callees []*ssa.Function
				switch {
				case common.StaticCallee() != nil:
					callees = []*ssa.Function{common.StaticCallee()}
				case common.IsInvoke():
					callees = invoked(common.Value.Type(), common.Method)
				default:
					if sig, ok := common.Value.Type().Underlying().(*types.Signature); ok {
						callees = called(sig)
					}
				}
				for _, callee := range callees {
					callgraph.AddEdge(caller, site, g.CreateNode(callee))
				}
			}
		}
	}
	return g
}
