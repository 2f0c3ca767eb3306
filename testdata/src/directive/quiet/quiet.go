// Package quiet mentions no sink at all: blockcheck skips it early,
// and must still report its stale directives.
package quiet

func f() int {
	//blockcheck:ignore nothing to ignore // want `//blockcheck:ignore suppresses nothing`
	return 1
}
