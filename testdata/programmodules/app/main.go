// Command app checks, in both modes, how blockcheck treats dependencies:
//
//   - a regression test for a false alarm found on perses in
//     whole-program mode: VTA merges all elements of slices of one type,
//     so echo's response hooks seemed to call closures of
//     cuelang.org/go. A dynamic call in a dependency resolves only to
//     functions of its own module or of the main module;
//   - a regression test for a false alarm found on hydra and spire in
//     whole-program mode, in go-jose (see libjose): a dynamic call in a
//     dependency resolves only to functions of the main modules;
//   - a dependency given the request's context is trusted with it (found
//     on jaeger: database drivers dial without the query's context);
//   - compression inside a dependency is its wire format (found on
//     jaeger: clickhouse and elastic clients compress their requests);
//   - so is a dependency whose receiver was made by a call given the
//     request's context (a regression test for a false alarm found on
//     hydra in whole-program mode: pop's Connection.WithContext(ctx)
//     then Where(…).First(…));
//   - a dependency given context.TODO() or Background() is reported
//     once, as that context at the call, not for what it blocks on
//     inside (a false alarm found on cortex: a sleep inside
//     tsdb.DB.Compact(context.TODO()) that cannot run there);
//   - but a dependency's CPU-heavy work, and its blocking calls when it
//     is given no context, are reported.
package main

import (
	"context"
	"net/http"

	"example.com/libdb"
	"example.com/libhooks"
	"example.com/libjose"
	"example.com/libother"
)

func hello(w http.ResponseWriter, r *http.Request) {
	resp := &libhooks.Response{ResponseWriter: w}
	resp.Send([]byte("hello")) // must not report libother's sleep
}

func token(w http.ResponseWriter, r *http.Request) {
	libjose.ParseSigned(r.Header.Get("Authorization")).Claims("key") // must not report libjose's pbkdf2
}

// unseal is not a root: main calls it at startup.
func unseal(s string) { libjose.ParseEncrypted(s).Claims("key") }

func find(w http.ResponseWriter, r *http.Request) {
	libdb.Open().WithContext(r.Context()).Where("id = 1").First() // trusted with the request's context
	libdb.Open().Where("id = 2").First()                          // given no context: reported
	q := libdb.Open().WithContext(r.Context()).Where("id = 3")
	if name := r.FormValue("name"); name != "" {
		q = q.And("name = " + name)
	}
	q.First() // either way, made with the request's context (hydra's GetGrants)
}

func stats(w http.ResponseWriter, r *http.Request) {
	libdb.Query(context.TODO(), "SELECT count(*) FROM t")
}

func search(w http.ResponseWriter, r *http.Request) {
	libdb.Query(r.Context(), "SELECT 1")
	libdb.Compress([]byte("payload"))
	libdb.Ping("db:5432")
	libdb.Hash(r.Context(), "pw")
}

func main() {
	libother.Init()
	defer libother.Cleanup()
	unseal("sealed")
	http.HandleFunc("/", hello)
	http.HandleFunc("/token", token)
	http.HandleFunc("/find", find)
	http.HandleFunc("/stats", stats)
	http.HandleFunc("/search", search)
	http.ListenAndServe(":8080", nil)
}
