// Package funcvalue: hooks in config structs, function variables, and
// closures given to higher-order helpers.
package funcvalue

import (
	"image"
	"image/png"
	"io"
	"net/http"
	"time"
)

type Config struct {
	// OnUpload runs for each upload.
	OnUpload func(r io.Reader) error
}

func decode(r io.Reader) error {
	_, err := png.Decode(r)
	return err
}

var retryWait = func() { time.Sleep(100 * time.Millisecond) }

// withRetry calls f until it succeeds, three times at most.
func withRetry(f func() error) error {
	var err error
	for range 3 {
		if err = f(); err == nil {
			return nil
		}
		retryWait()
	}
	return err
}

type Server struct{ cfg Config }

func New() *Server { return &Server{cfg: Config{OnUpload: decode}} }

func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	s.cfg.OnUpload(r.Body)   // want `Server.upload calls png.Decode via funcvalue.decode: decoding a whole image`
	withRetry(func() error { // want `Server.upload calls time.Sleep via funcvalue.withRetry → funcvalue.init.func1`
		_, _, err := image.DecodeConfig(r.Body)
		return err
	})
}

func (s *Server) Routes(mux *http.ServeMux) { mux.HandleFunc("/upload", s.upload) }
