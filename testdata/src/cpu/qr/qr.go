// Package qr covers QR code rendering.
package qr

import (
	"net/http"

	qrcode "github.com/skip2/go-qrcode"
)

func code(w http.ResponseWriter, r *http.Request) {
	png, _ := qrcode.Encode(r.URL.String(), qrcode.Medium, 256) // want `code calls qrcode.Encode: rendering a QR code`
	w.Write(png)
}
