// Package startup checks that code run from main, init or package-level
// initialisers is not reported: it runs once, before any request.
package main

import (
	"net/http"
	"time"

	"heavy"
)

var key = heavy.Hash("package level")

func init() {
	heavy.Hash("init")
	time.Sleep(time.Millisecond)
}

func setup() *http.ServeMux {
	heavy.Hash("setup")
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write(key) })
	return mux
}

func main() {
	time.Sleep(time.Second)
	http.ListenAndServe(":8080", setup())
}
