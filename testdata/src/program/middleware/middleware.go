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
