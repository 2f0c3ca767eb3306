package program

import (
	"slices"

	"golang.org/x/tools/go/callgraph/rta"
	"golang.org/x/tools/go/ssa"
)

// reachable returns the functions with bodies that may run when the
// program starts at seeds, by rapid type analysis: a dynamic call
// reaches only the functions and methods whose values or types are made
// in code that is itself reachable. Only functions for which local
// holds are returned.
//
// Functions whose values are made in reachable code but which only a
// function without a body here calls (sync.Once.Do, sort.Slice, a
// standard library's callback) count too: RTA sees no call of them,
// and would leave out what they make.
func reachable(seeds []*ssa.Function, local func(*ssa.Function) bool) map[*ssa.Function]bool {
	// A generic function runs only in its instances, which RTA finds
	// where they are made; its own body has type parameters, which RTA
	// does not take.
	seeds = slices.DeleteFunc(seeds, generic)
	if len(seeds) == 0 {
		return nil
	}
	seen := make(map[*ssa.Function]bool)
	for {
		res := rta.Analyze(seeds, false)
		grown := false
		for fn := range res.Reachable {
			if len(fn.Blocks) == 0 || seen[fn] {
				continue
			}
			seen[fn] = true
			for _, v := range madeValues(fn) {
				if _, ok := res.Reachable[v]; !ok && len(v.Blocks) > 0 && !generic(v) {
					seeds = append(seeds, v)
					grown = true
				}
			}
		}
		if !grown {
			break
		}
	}
	funcs := make(map[*ssa.Function]bool, len(seen))
	for fn := range seen {
		if local(fn) {
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

// madeValues returns the functions whose values fn makes: closures, and
// functions and method wrappers used otherwise than called.
func madeValues(fn *ssa.Function) []*ssa.Function {
	var made []*ssa.Function
	var space [32]*ssa.Value
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			rands := instr.Operands(space[:0])
			if _, ok := instr.(ssa.CallInstruction); ok {
				rands = rands[1:] // the function called
			}
			for _, op := range rands {
				if f, ok := (*op).(*ssa.Function); ok {
					made = append(made, f)
				}
			}
		}
	}
	return made
}
