package main

import (
	"bytes"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
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

// memory is a database/sql driver that keeps the users table of
// package store in memory: just enough SQL for its three statements.
type memory struct {
	mu    sync.Mutex
	users map[string][]byte
}

func init() { sql.Register("memory", &memory{users: make(map[string][]byte)}) }

func (m *memory) Open(string) (driver.Conn, error) { return conn{m}, nil }

type conn struct{ m *memory }

func (c conn) Prepare(query string) (driver.Stmt, error) { return stmt{c.m, query}, nil }
func (c conn) Close() error                              { return nil }
func (c conn) Begin() (driver.Tx, error)                 { return nil, errors.New("no transactions") }

type stmt struct {
	m     *memory
	query string
}

func (s stmt) Close() error  { return nil }
func (s stmt) NumInput() int { return -1 }

func (s stmt) Exec(args []driver.Value) (driver.Result, error) {
	if !strings.HasPrefix(s.query, "INSERT INTO users") {
		return nil, errors.New("unsupported: " + s.query)
	}
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	s.m.users[args[0].(string)] = args[1].([]byte)
	return driver.RowsAffected(1), nil
}

func (s stmt) Query(args []driver.Value) (driver.Rows, error) {
	if !strings.HasPrefix(s.query, "SELECT name, hash FROM users") {
		return nil, errors.New("unsupported: " + s.query)
	}
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	name := args[0].(string)
	hash, ok := s.m.users[name]
	if !ok {
		return &rows{}, nil
	}
	return &rows{row: []driver.Value{name, hash}}, nil
}

type rows struct{ row []driver.Value }

func (r *rows) Columns() []string { return []string{"name", "hash"} }
func (r *rows) Close() error      { return nil }

func (r *rows) Next(dest []driver.Value) error {
	if r.row == nil {
		return io.EOF
	}
	copy(dest, r.row)
	r.row = nil
	return nil
}
