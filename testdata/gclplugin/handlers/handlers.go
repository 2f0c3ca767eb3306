// Package handlers is the root of the fixture: request handlers that
// reach CPU-heavy and blocking calls directly, through helpers in other
// packages (store, media: learnt through facts), through sinks declared
// in the plugin's settings and in .blockcheck.yml, and a handler of a
// framework declared with root-params. It also holds calls that the
// settings keep quiet: an ignored sink and a category left out.
package handlers

import (
	"context"
	"database/sql"
	"image"
	"net/http"
	"regexp"
	"time"

	"example.com/shop/media"
	"example.com/shop/report"
	"example.com/shop/store"
	"example.com/shop/web"
)

type server struct {
	db *sql.DB
}

func (s *server) signup(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	if !regexp.MustCompile(`^[a-z]+$`).MatchString(name) { // want `server.signup calls regexp.MustCompile: compiling a regular expression`
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	if err := store.Save(s.db, name); err != nil { // want `server.signup calls sql.DB.Exec via store.Save: .*; pass the request's context down to store.Save`
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	time.Sleep(10 * time.Millisecond) // want `server.signup calls time.Sleep: time.Sleep ignores the request's cancellation`
	w.WriteHeader(http.StatusCreated)
}

func (s *server) avatar(w http.ResponseWriter, r *http.Request) {
	img := image.NewGray(image.Rect(0, 0, 64, 64))
	data, err := media.Encode(img) // want `server.avatar calls png.Encode via media.Encode: encoding a whole image is CPU-heavy`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(data)
}

func (s *server) users(w http.ResponseWriter, r *http.Request) {
	rows, err := s.db.Query("SELECT name FROM users") // want `server.users calls sql.DB.Query: .*use QueryContext`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	if err := s.db.Ping(); err != nil { // ignored in the settings
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
	}
	s.db.QueryContext(context.Background(), "SELECT 1") // background-context is not among the categories
}

func (s *server) report(w http.ResponseWriter, r *http.Request) {
	out := report.Render(r.URL.Path)             // want `server.report calls report.Render: it is declared CPU-heavy in blockcheck's configuration`
	if err := report.Notify("ops"); err != nil { // want `server.report calls report.Notify: it is declared blocking in blockcheck's configuration`
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write([]byte(out))
}

func home(c *web.Context) string {
	time.Sleep(time.Millisecond) // want `home calls time.Sleep: .*no suggested fix: the request's context is not at hand in home`
	return c.Path
}
