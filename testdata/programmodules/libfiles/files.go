// Package libfiles stands for a static-file package (issue 17, pattern
// 4): NewHandler returns a handler that builds the real one inside a
// sync.Once on first use, and calls it.
package libfiles

import (
	"image"
	"image/png"
	"net/http"
	"sync"
)

// A Handler serves a request.
type Handler func(w http.ResponseWriter, r *http.Request)

type server interface {
	serve(w http.ResponseWriter, r *http.Request)
}

// thumbnails serves a thumbnail of each image.
type thumbnails struct{ root string }

func (t *thumbnails) serve(w http.ResponseWriter, r *http.Request) {
	png.Encode(w, image.NewGray(image.Rect(0, 0, 64, 64)))
}

// NewHandler returns a handler of the files in root.
func NewHandler(root string) Handler {
	var once sync.Once
	var real server
	return func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { real = &thumbnails{root: root} })
		real.serve(w, r)
	}
}
