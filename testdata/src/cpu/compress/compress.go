// Package compress covers compression of whole payloads, directly, via
// io.Copy into a compressor, with klauspost/compress and fasthttp; and
// shows that a streaming gzip middleware, which writes through an
// interface, is not reported.
package compress

import (
	"compress/gzip"
	"io"
	"net/http"

	"github.com/klauspost/compress/zstd"
	"github.com/valyala/fasthttp"
)

func export(w http.ResponseWriter, r *http.Request) {
	data, _ := io.ReadAll(r.Body)
	gz := gzip.NewWriter(w)
	gz.Write(data)      // want `export calls gzip.Writer.Write: compressing a whole payload is CPU-heavy`
	io.Copy(gz, r.Body) // want `export calls gzip.Writer.Write via io.Copy: compressing`
	gz.Close()
	enc, _ := zstd.NewWriter(nil)
	w.Write(enc.EncodeAll(data, nil))   // want `export calls zstd.Encoder.EncodeAll: compressing`
	fasthttp.AppendGzipBytes(nil, data) // want `export calls fasthttp.AppendGzipBytes: compressing`
}

type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (g gzipWriter) Write(b []byte) (int, error) { return g.gz.Write(b) } // want Write:"reaches gzip.Writer.Write"

// Gzip is streaming middleware: the compressor is only reached through
// the http.ResponseWriter interface, so nothing is reported.
func Gzip(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gz := gzip.NewWriter(w)
		defer gz.Close()
		next.ServeHTTP(gzipWriter{w, gz}, r)
	})
}
