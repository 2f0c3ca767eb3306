package summary

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Constants returns the package-level variables that hold one constant
// for the whole run, as far as funcs show: their package's initialiser
// stores a constant in them once, and no function of funcs stores in
// them again or takes their address (to pass it to flag.StringVar, say).
// The initialisers of the packages of funcs are read too.
//
// When exported is false, only unexported variables qualify: code that
// funcs do not include (another package) may assign an exported one.
// Whole-program mode, which sees every function, passes true.
//
// A string variable set with the linker's -X flag is not seen: a
// branch on one is taken as its source says (a miss, never a false
// alarm, since only sinks in branches that cannot run are left out).
func Constants(funcs []*ssa.Function, exported bool) map[*ssa.Global]constant.Value {
	values := make(map[*ssa.Global]constant.Value)
	spoilt := make(map[*ssa.Global]bool)
	seen := make(map[*ssa.Function]bool, len(funcs))
	for _, fn := range funcs {
		seen[fn] = true
	}
	for _, fn := range funcs {
		if fn.Pkg == nil {
			continue
		}
		if init := fn.Pkg.Func("init"); init != nil && !seen[init] {
			seen[init] = true
			funcs = append(funcs[:len(funcs):len(funcs)], init)
		}
	}
	for _, fn := range funcs {
		initialiser := fn.Synthetic == "package initializer"
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var ops [8]*ssa.Value
				for _, op := range instr.Operands(ops[:0]) {
					g, ok := (*op).(*ssa.Global)
					if !ok {
						continue
					}
					switch instr := instr.(type) {
					case *ssa.UnOp:
						if instr.Op == token.MUL {
							continue // a load
						}
					case *ssa.Store:
						c, isConst := instr.Val.(*ssa.Const)
						if instr.Addr == g && initialiser && g.Pkg == fn.Pkg && isConst && c.Value != nil && values[g] == nil {
							values[g] = c.Value
							continue
						}
					}
					spoilt[g] = true
				}
			}
		}
	}
	for g := range values {
		if obj := g.Object(); spoilt[g] || obj == nil || !exported && obj.Exported() {
			delete(values, g)
		}
	}
	return values
}

// liveBlocks returns, for each block of fn by index, whether it can run,
// given that a branch on constants (and on the package-level variables
// of consts, which hold one) takes only the way they decide. It returns
// nil when every block can, or when fn has no blocks.
func liveBlocks(fn *ssa.Function, consts map[*ssa.Global]constant.Value) []bool {
	if len(fn.Blocks) == 0 {
		return nil
	}
	live := make([]bool, len(fn.Blocks))
	decided := false
	var visit func(b *ssa.BasicBlock)
	visit = func(b *ssa.BasicBlock) {
		if live[b.Index] {
			return
		}
		live[b.Index] = true
		succs := b.Succs
		if len(b.Instrs) > 0 {
			if br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
				if v, ok := evaluate(br.Cond, consts); ok && v.Kind() == constant.Bool {
					decided = true
					if constant.BoolVal(v) {
						succs = succs[:1]
					} else {
						succs = succs[1:]
					}
				}
			}
		}
		for _, s := range succs {
			visit(s)
		}
	}
	visit(fn.Blocks[0])
	if fn.Recover != nil {
		visit(fn.Recover)
	}
	if !decided {
		return nil
	}
	return live
}

// evaluate returns the value of v when it is a constant, a load of a
// package-level variable of consts, or a comparison or negation of
// such values.
func evaluate(v ssa.Value, consts map[*ssa.Global]constant.Value) (constant.Value, bool) {
	switch v := v.(type) {
	case *ssa.Const:
		return v.Value, v.Value != nil
	case *ssa.UnOp:
		switch v.Op {
		case token.MUL:
			if g, ok := v.X.(*ssa.Global); ok {
				c, ok := consts[g]
				return c, ok
			}
		case token.NOT:
			if x, ok := evaluate(v.X, consts); ok && x.Kind() == constant.Bool {
				return constant.MakeBool(!constant.BoolVal(x)), true
			}
		}
	case *ssa.BinOp:
		switch v.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		default:
			return nil, false
		}
		if !comparable(v.X.Type()) {
			return nil, false
		}
		x, okx := evaluate(v.X, consts)
		y, oky := evaluate(v.Y, consts)
		if !okx || !oky || x.Kind() != y.Kind() {
			return nil, false
		}
		return constant.MakeBool(constant.Compare(x, v.Op, y)), true
	}
	return nil, false
}

// comparable reports whether values of t compare as their constants
// do: basic types, not floats (whose constants are exact, where the
// values are rounded).
func comparable(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsBoolean|types.IsInteger|types.IsString) != 0
}
