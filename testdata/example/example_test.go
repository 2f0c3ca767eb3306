package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/testdata/example/store"
)

// TestHandlers checks the responses of the handlers that need no
// network. blockcheck's end-to-end tests run it before and after
// blockcheck -fix: the fixed handlers must answer the same.
func TestHandlers(t *testing.T) {
	db, err := sql.Open("memory", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &server{users: store.New(db)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /signup", s.signup)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /avatar", s.avatar)
	mux.HandleFunc("GET /users/{name}", s.profile)

	form := func(path string, values url.Values) *http.Request {
		r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(values.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return r
	}
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 300, 200))); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		req  *http.Request
		code int
		body string
	}{
		{"bad name", form("/signup", url.Values{"name": {"X"}, "password": {"pw"}}), 400, "bad name\n"},
		{"signup", form("/signup", url.Values{"name": {"alice"}, "password": {"s3cret"}}), 201, ""},
		{"login", form("/login", url.Values{"name": {"alice"}, "password": {"s3cret"}}), 200, ""},
		{"wrong password", form("/login", url.Values{"name": {"alice"}, "password": {"guess"}}), 401, "wrong password\n"},
		{"profile", httptest.NewRequest(http.MethodGet, "/users/alice", nil), 200, ""},
		{"avatar", httptest.NewRequest(http.MethodPost, "/avatar", &pic), 200, ""},
		{"bad avatar", httptest.NewRequest(http.MethodPost, "/avatar", strings.NewReader("not an image")), 400, "image: unknown format\n"},
	} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, tc.req)
		if rec.Code != tc.code || tc.body != "" && rec.Body.String() != tc.body {
			t.Errorf("%s: got %d %q, want %d %q", tc.name, rec.Code, rec.Body.String(), tc.code, tc.body)
		}
		switch tc.name {
		case "profile":
			var u struct{ Name string }
			if err := json.Unmarshal(rec.Body.Bytes(), &u); err != nil || u.Name != "alice" {
				t.Errorf("profile: got %s (%v), want alice", rec.Body, err)
			}
		case "avatar":
			img, err := png.Decode(rec.Body)
			if err != nil || img.Bounds().Dx() != 128 {
				t.Errorf("avatar: got %v (%v), want a PNG 128 pixels wide", img, err)
			}
		}
	}
}
