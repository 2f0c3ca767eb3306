// Command example is a small web shop whose handlers look innocent but
// reach CPU-heavy and blocking calls through helpers in other packages.
// It is blockcheck's demonstration: from the repository's root,
//
//	go run ./cmd/blockcheck ./testdata/example/...
package main

import (
	"database/sql"
	"flag"
	"log"
	"net/http"

	"github.com/blockcheck/blockcheck/testdata/example/ops"
	"github.com/blockcheck/blockcheck/testdata/example/store"
)

func main() {
	addr := flag.String("addr", ":8080", "address to listen on")
	driver := flag.String("db", "memory", "database/sql driver: memory, or one your build registers")
	dsn := flag.String("dsn", "", "data source name for -db")
	flag.Parse()
	db, err := sql.Open(*driver, *dsn)
	if err != nil {
		log.Fatal(err)
	}
	s := &server{users: store.New(db)}
	ops.WarmUp() // runs once at startup: not on a request path

	mux := http.NewServeMux()
	mux.HandleFunc("POST /signup", s.signup)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /avatar", s.avatar)
	mux.HandleFunc("GET /users/{name}", s.profile)
	mux.HandleFunc("GET /status", s.status)
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		if err := ops.CheckUpstream(); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok"))
	})
	mux.HandleFunc("GET /ready", func(w http.ResponseWriter, r *http.Request) {
		if err := ops.Ping("db.internal:5432"); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
		}
	})
	mux.Handle("GET /", logRequests(http.FileServer(http.Dir("static"))))
	log.Fatal(http.ListenAndServe(*addr, mux))
}

// logRequests is middleware: the handler it returns is a request root.
func logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ops.Audit(r.URL.Path) // fire and forget: not reported
		next.ServeHTTP(w, r)
	})
}
