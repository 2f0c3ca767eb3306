// Package media processes uploaded images.
package media

import (
	"bytes"
	"image"
	_ "image/jpeg" // register the JPEG decoder
	"image/png"
	"io"
)

// Thumbnail decodes an uploaded image and returns a PNG no wider than width.
func Thumbnail(r io.Reader, width int) ([]byte, error) {
	img, _, err := image.Decode(r)
	if err != nil {
		return nil, err
	}
	return encode(shrink(img, width))
}

func shrink(img image.Image, width int) image.Image {
	b := img.Bounds()
	if b.Dx() <= width {
		return img
	}
	h := b.Dy() * width / b.Dx()
	dst := image.NewRGBA(image.Rect(0, 0, width, h))
	for y := range h {
		for x := range width {
			dst.Set(x, y, img.At(b.Min.X+x*b.Dx()/width, b.Min.Y+y*b.Dy()/h))
		}
	}
	return dst
}

func encode(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}
