// Package handler is the top of a three-package chain: net/http
// handlers that look innocent and reach bcrypt two packages away.
package handler

import (
	"net/http"

	"chain/auth"
)

func Signup(w http.ResponseWriter, r *http.Request) { // want Signup:"reaches bcrypt.GenerateFromPassword"
	if !auth.Validate(r.FormValue("password")) { // the control: nothing to report
		http.Error(w, "weak password", http.StatusBadRequest)
		return
	}
	u, err := auth.Register(r.FormValue("name"), r.FormValue("password")) // want `Signup calls bcrypt.GenerateFromPassword via auth.Register → hash.HashPassword: password hashing is CPU-heavy`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write([]byte(u.Name))
}

type Server struct{ users map[string]*auth.User }

func (s *Server) Login(w http.ResponseWriter, r *http.Request) { // want Login:"reaches bcrypt.CompareHashAndPassword"
	u := s.users[r.FormValue("name")]
	if u == nil || !u.Login(r.FormValue("password")) { // want `Server.Login calls bcrypt.CompareHashAndPassword via auth.User.Login → hash.Check → hash.compare`
		http.Error(w, "no", http.StatusUnauthorized)
	}
}
