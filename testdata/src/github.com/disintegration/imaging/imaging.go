// Package imaging is a stub of github.com/disintegration/imaging for tests.
package imaging

import (
	"image"
	"io"
)

type ResampleFilter struct{}

var Lanczos ResampleFilter

type Format int

const PNG Format = 1

func Decode(r io.Reader) (image.Image, error)                                       { return nil, nil }
func Resize(img image.Image, width, height int, filter ResampleFilter) *image.NRGBA { return nil }
func Encode(w io.Writer, img image.Image, format Format) error                      { return nil }
