// Package blocking checks the context-aware rewrites of blocking calls
// made directly in a handler.
package blocking

import (
	"database/sql"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"time"

	"github.com/jmoiron/sqlx"
)

type Server struct {
	db     *sql.DB
	dbx    *sqlx.DB
	client *http.Client
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	rows, err := s.db.Query("SELECT name FROM users WHERE id = $1", 1) // want `Server.handle calls sql.DB.Query`
	if err != nil {
		return
	}
	rows.Close()
	s.db.Exec("DELETE FROM sessions")        // want `Server.handle calls sql.DB.Exec`
	s.db.Ping()                              // want `Server.handle calls sql.DB.Ping`
	tx, _ := s.db.Begin()                    // want `Server.handle calls sql.DB.Begin`
	tx.Exec("UPDATE users SET seen = now()") // want `Server.handle calls sql.Tx.Exec`
	var names []string
	s.dbx.Select(&names, "SELECT name FROM users") // want `Server.handle calls sqlx.DB.Select`

	out, _ := exec.Command("du", "-sh", "/tmp").Output() // want `Server.handle calls exec.Cmd.Output`
	w.Write(out)

	req, _ := http.NewRequest("GET", "https://example.com/", nil)
	s.client.Do(req) // want `Server.handle calls http.Client.Do`

	resp, err := http.Get("https://example.com/") // want `Server.handle calls http.Get`
	if err == nil {
		resp.Body.Close()
	}
	resp, err = s.client.PostForm("https://example.com/", url.Values{"a": {"b"}}) // want `Server.handle calls http.Client.PostForm`
	if err == nil {
		resp.Body.Close()
	}

	conn, err := net.Dial("tcp", "db:5432") // want `Server.handle calls net.Dial`
	if err == nil {
		conn.Close()
	}
	conn, err = net.DialTimeout("tcp", "db:5432", time.Second) // want `Server.handle calls net.DialTimeout`
	if err == nil {
		conn.Close()
	}
	addrs, _ := net.LookupHost("example.com") // want `Server.handle calls net.LookupHost`
	ips, _ := net.LookupIP("example.com")     // want `Server.handle calls net.LookupIP`
	_, _ = addrs, ips

	time.Sleep(100 * time.Millisecond) // want `Server.handle calls time.Sleep`
}

// header makes a request in an if header: the request moves in front
// of it, in a block because err is declared before.
func (s *Server) header(w http.ResponseWriter, r *http.Request) {
	var err error
	if resp, err := http.Get("https://example.com/"); err == nil { // want `Server.header calls http.Get`
		resp.Body.Close()
	}
	_ = err
}

func (s *Server) clientFor(name string) *http.Client { return s.client }

// impureClient gets its client from a call, which stays first.
func (s *Server) impureClient(w http.ResponseWriter, r *http.Request) {
	resp, err := s.clientFor("a").Get("https://example.com/") // want `Server.impureClient calls http.Client.Get`
	if err == nil {
		resp.Body.Close()
	}
	resp, err = http.Get(r.FormValue("url")) // want `Server.impureClient calls http.Get`
	if err == nil {
		resp.Body.Close()
	}
	resp, err = http.Post("https://example.com/", r.FormValue("type"), r.Body) // want `no suggested fix: its content type calls r.FormValue\("type"\), which would then run after the body is evaluated`
	if err == nil {
		resp.Body.Close()
	}
}
