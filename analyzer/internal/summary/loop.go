package summary

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// inContextLoop reports whether instr, a sleep or a wait on a timer, is
// in a loop that checks a context for cancellation on each iteration:
// its block is on a cycle of the function's control-flow graph, and
// every such cycle passes through a block that checks a context (see
// checksContext). Such a loop stops within one wait once the context is
// done, as a throttle `for ctx.Err() == nil { …; time.Sleep(d) }`, a
// spin that returns when ctx.Err() is set, or a lock retry that selects
// on ctx.Done() with a default case before it sleeps.
//
// Every cycle, not only some, must check: in a loop that checks the
// context and an inner loop that sleeps without checking it, or a
// `continue` that skips the check, the sleep can repeat for as long as
// the inner condition holds, whatever the context says. Which context
// is checked is not proved to be the request's, nor that the check
// leaves the loop: a loop written to stop on a context is taken to stop
// on its caller's.
//
// Only waits pay for it, and only the blocks reachable from the wait's
// block are visited: at most two walks of the function's graph per
// wait, each block scanned for a check once.
func inContextLoop(instr ssa.Instruction) bool {
	b := instr.Block()
	if b == nil || b.Parent() == nil {
		return false
	}
	checks := make(map[*ssa.BasicBlock]bool)
	checked := func(x *ssa.BasicBlock) bool {
		c, ok := checks[x]
		if !ok {
			c = checksContext(x)
			checks[x] = c
		}
		return c
	}
	if !checked(b) && cycles(b, checked) {
		return false // some iteration sleeps without checking
	}
	return cycles(b, func(*ssa.BasicBlock) bool { return false })
}

// cycles reports whether b can reach itself again through blocks for
// which stop is false.
func cycles(b *ssa.BasicBlock, stop func(*ssa.BasicBlock) bool) bool {
	seen := make([]bool, len(b.Parent().Blocks))
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == b {
			return true
		}
		if seen[x.Index] || stop(x) {
			continue
		}
		seen[x.Index] = true
		stack = append(stack, x.Succs...)
	}
	return false
}

// checksContext reports whether b asks a context.Context whether it is
// done: it calls the context's Err or Done method, or receives from the
// channel that Done returned, on its own or in a select (with a default
// case, as a poll). The context must have the interface type
// context.Context (a parameter, a captured variable, a field): a
// framework's own request type with an Err method is not one.
func checksContext(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		switch instr := instr.(type) {
		case *ssa.Call:
			if contextMethod(instr.Common()) != "" {
				return true
			}
		case *ssa.UnOp:
			if instr.Op == token.ARROW && doneChannel(instr.X) {
				return true
			}
		case *ssa.Select:
			for _, st := range instr.States {
				if st.Dir == types.RecvOnly && doneChannel(st.Chan) {
					return true
				}
			}
		}
	}
	return false
}

// contextMethod returns "Err" or "Done" when call calls that method of
// a context.Context, and "" otherwise.
func contextMethod(call *ssa.CallCommon) string {
	if !call.IsInvoke() || !isContext(call.Value.Type()) {
		return ""
	}
	switch name := call.Method.Name(); name {
	case "Err", "Done":
		return name
	}
	return ""
}

// doneChannel reports whether ch is the channel that the Done method of
// a context.Context returned, perhaps before the loop.
func doneChannel(ch ssa.Value) bool {
	call, ok := origin(ch).(*ssa.Call)
	return ok && contextMethod(call.Common()) == "Done"
}
