// Command app is a regression test for a false alarm found on perses in
// whole-program mode: VTA merges all elements of slices of one type, so
// echo's response hooks seemed to call closures of cuelang.org/go. A
// dynamic call in a dependency resolves only to functions of its own
// module or of the main module.
package main

import (
	"net/http"

	"example.com/libhooks"
	"example.com/libother"
)

func hello(w http.ResponseWriter, r *http.Request) {
	resp := &libhooks.Response{ResponseWriter: w}
	resp.Send([]byte("hello")) // must not report libother's sleep
}

func main() {
	libother.Init()
	defer libother.Cleanup()
	http.HandleFunc("/", hello)
	http.ListenAndServe(":8080", nil)
}
