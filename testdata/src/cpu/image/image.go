// Package image covers image codecs and processing, through a helper.
package image

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"

	"github.com/disintegration/imaging"
)

func thumbnail(in io.Reader) ([]byte, error) {
	img, err := imaging.Decode(in)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = imaging.Encode(&buf, imaging.Resize(img, 128, 0, imaging.Lanczos), imaging.PNG)
	return buf.Bytes(), err
}

func upload(w http.ResponseWriter, r *http.Request) {
	thumbnail(r.Body)                 // want `upload calls imaging.Decode via image.thumbnail: decoding a whole image is CPU-heavy \(ms per megapixel\); run it with offload \(this call also reaches imaging.Encode and 1 more\)`
	img, _, _ := image.Decode(r.Body) // want `upload calls image.Decode: decoding a whole image`
	png.Encode(w, img)                // want `upload calls png.Encode: encoding a whole image`
	jpeg.Encode(w, img, nil)          // want `upload calls jpeg.Encode: encoding`
	image.DecodeConfig(r.Body)        // reads the header only: cheap
}
