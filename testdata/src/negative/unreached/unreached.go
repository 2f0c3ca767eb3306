// Package unreached checks that heavy helpers no root reaches are not
// reported (they only get facts).
package unreached

import "heavy"

func Rebuild() [][]byte { // want Rebuild:"reaches bcrypt.GenerateFromPassword"
	return [][]byte{heavy.Hash("a"), heavy.Hash("b")}
}

func CLI(args []string) { // want CLI:"reaches bcrypt.GenerateFromPassword"
	for _, a := range args {
		heavy.Hash(a)
	}
}
