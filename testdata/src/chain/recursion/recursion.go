// Package recursion checks that mutual recursion is summarised as a
// whole: both functions reach the sink that one of them calls.
package recursion

import (
	"net/http"
	"time"

	"heavy"
)

type Node struct{ Children []*Node }

func Walk(n *Node, depth int) { // want Walk:"reaches bcrypt.GenerateFromPassword, time.Sleep"
	if depth > 3 {
		time.Sleep(time.Millisecond)
	}
	for _, c := range n.Children {
		visit(c, depth+1)
	}
}

func visit(n *Node, depth int) {
	heavy.Hash("node")
	Walk(n, depth)
}

func handle(w http.ResponseWriter, r *http.Request) {
	visit(&Node{}, 0) // want `handle calls bcrypt.GenerateFromPassword via recursion.visit → heavy.Hash: .*; run it with offload$` `handle calls time.Sleep via recursion.visit → recursion.Walk: .*ctx.Done\(\) \(no suggested fix: it would conflict with the cpu-heavy fix at this call\)$`
}
