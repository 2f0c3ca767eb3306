// Package categories checks that a call in a handler that reaches sinks
// of several categories gets one diagnostic per category, each with the
// shortest chain of its own category, its own remedy and its own related
// information; and that sinks of one category share one diagnostic,
// which counts the others ("this call also reaches"). The order of the
// diagnostics at one call, most severe first, is checked by
// TestCategoriesAtOneCall.
package categories

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"net/http"
	"time"

	"github.com/disintegration/imaging"
)

type store struct{ db *sql.DB }

// avatar decodes an image (CPU-heavy) and, one call further, queries
// without a context (blocking).
func (s *store) avatar(in io.Reader) {
	imaging.Decode(in)
	s.owner()
}

func (s *store) owner() {
	s.db.Query("SELECT owner FROM avatars")
}

// thumbnail reaches two CPU-heavy sinks and nothing else.
func thumbnail(in io.Reader) []byte {
	img, _ := imaging.Decode(in)
	var buf bytes.Buffer
	imaging.Encode(&buf, img, imaging.PNG)
	return buf.Bytes()
}

// sync reaches all three categories, and two blocking sinks.
func (s *store) sync(in io.Reader) {
	s.db.Exec("DELETE FROM avatars")
	time.Sleep(time.Second)
	s.db.QueryContext(context.Background(), "SELECT 1")
	thumbnail(in)
}

func (s *store) handle(w http.ResponseWriter, r *http.Request) {
	s.avatar(r.Body)           // want `^store.handle calls imaging.Decode via categories.store.avatar: decoding a whole image is CPU-heavy \(ms per megapixel\); run it with offload$` `^store.handle calls sql.DB.Query via categories.store.avatar → categories.store.owner: the query ignores the request's cancellation and keeps its connection busy after the client has gone; pass the request's context down to categories.store.owner and use QueryContext with it \(no suggested fix: it would conflict with the cpu-heavy fix at this call\)$`
	w.Write(thumbnail(r.Body)) // want `^store.handle calls imaging.Decode via categories.thumbnail: .*; run it with offload \(this call also reaches imaging.Encode\)$`
	s.sync(r.Body)             // want `^store.handle calls imaging.Decode via categories.store.sync → categories.thumbnail: .*; run it with offload \(this call also reaches imaging.Encode\)$` `^store.handle calls sql.DB.Exec via categories.store.sync: .* \(this call also reaches time.Sleep\) \(no suggested fix: it would conflict with the cpu-heavy fix at this call\)$` `^store.handle calls sql.DB.QueryContext with context.Background\(\) via categories.store.sync: the call can be cancelled, but not by the request; pass the request's context instead \(no suggested fix: it would conflict with the cpu-heavy fix at this call\)$`
}
