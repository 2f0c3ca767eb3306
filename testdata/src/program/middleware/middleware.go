// Package middleware: a gzip middleware wraps the response writer; the
// handlers' writes are not charged with compression, and the
// middleware's own call of next is not reported either.
package middleware

import (
	"compress/gzip"
	"net/http"
)

type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (g gzipWriter) Write(b []byte) (int, error) { return g.gz.Write(b) }

func Gzip(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gz := gzip.NewWriter(w)
		defer gz.Close()
		next.ServeHTTP(gzipWriter{w, gz}, r)
	})
}

func hello(w http.ResponseWriter, r *http.Request) { w.Write([]byte("hello")) }

func Routes(mux *http.ServeMux) { mux.Handle("/hello", Gzip(http.HandlerFunc(hello))) }

// Auth wraps a handler function; next is often a method value, called
// through its bound wrapper, and must be recognised as the root it is.
func Auth(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		next(w, r) // reported in next itself, not here
	}
}

type Server struct{}

func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	gz := gzip.NewWriter(w)
	gz.Write(make([]byte, 1<<20)) // want `Server.export calls gzip.Writer.Write: compressing a whole payload`
	gz.Close()
}

func (s *Server) Routes(mux *http.ServeMux) { mux.HandleFunc("/export", Auth(s.export)) }
