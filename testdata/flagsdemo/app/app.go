// Package app is what cmd/blockcheck's end-to-end tests run the
// README's flag combinations on: handlers whose findings have fixes
// (Signup, Wait, Report), and one whose sink lies in a helper of
// another package, which has none (Profile).
package app

import (
	"database/sql"
	"net/http"
	"os/exec"
	"time"

	"github.com/blockcheck/blockcheck/testdata/flagsdemo/hash"
	"github.com/blockcheck/blockcheck/testdata/flagsdemo/store"
)

// Server serves the handlers.
type Server struct {
	DB *sql.DB
}

// Signup hashes a password.
func (s *Server) Signup(w http.ResponseWriter, r *http.Request) {
	password := r.FormValue("password")
	digest, err := hash.Password(password)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(digest)
}

// Wait waits a second.
func (s *Server) Wait(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second)
	w.WriteHeader(http.StatusNoContent)
}

// Report runs a command.
func (s *Server) Report(w http.ResponseWriter, r *http.Request) {
	out, err := exec.Command("uptime").Output()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}

// Profile queries the database through store.
func (s *Server) Profile(w http.ResponseWriter, r *http.Request) {
	name, err := store.Name(s.DB, r.FormValue("id"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Write([]byte(name))
}
