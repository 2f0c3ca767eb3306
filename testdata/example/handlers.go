package main

import (
	"encoding/json"
	"net/http"

	"github.com/blockcheck/blockcheck/offload"
	"github.com/blockcheck/blockcheck/testdata/example/auth"
	"github.com/blockcheck/blockcheck/testdata/example/media"
	"github.com/blockcheck/blockcheck/testdata/example/ops"
	"github.com/blockcheck/blockcheck/testdata/example/store"
	"github.com/blockcheck/blockcheck/testdata/example/validate"
)

type server struct {
	users *store.Users
}

func (s *server) signup(w http.ResponseWriter, r *http.Request) {
	name, password := r.FormValue("name"), r.FormValue("password")
	if !validate.Username(name) {
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	u, err := auth.Register(name, password)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for attempt := 1; ; attempt++ {
		err := s.users.Save(u)
		if err == nil {
			break
		}
		if attempt == 3 {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		ops.Backoff(attempt)
	}
	w.WriteHeader(http.StatusCreated)
}

// login already runs its password check through offload: nothing to report.
func (s *server) login(w http.ResponseWriter, r *http.Request) {
	u, err := s.users.FindContext(r.Context(), r.FormValue("name"))
	if err != nil {
		http.Error(w, "no such user", http.StatusUnauthorized)
		return
	}
	ok, err := offload.Value(r.Context(), func() bool { return auth.Check(u, r.FormValue("password")) })
	if err != nil {
		offload.WriteError(w, err)
		return
	}
	if !ok {
		http.Error(w, "wrong password", http.StatusUnauthorized)
	}
}

func (s *server) avatar(w http.ResponseWriter, r *http.Request) {
	thumb, err := media.Thumbnail(r.Body, 128)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Write(thumb)
}

func (s *server) profile(w http.ResponseWriter, r *http.Request) {
	u, err := s.users.Find(r.PathValue("name"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	json.NewEncoder(w).Encode(u)
}

func (s *server) status(w http.ResponseWriter, r *http.Request) {
	out, err := ops.DiskUsage()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}
