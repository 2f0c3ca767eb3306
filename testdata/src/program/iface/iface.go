// Package iface: stores and hashers behind interfaces, chosen at
// start-up, which only whole-program mode follows.
package iface

import (
	"database/sql"
	"net/http"

	"golang.org/x/crypto/bcrypt"
)

type Hasher interface{ Hash(pw string) []byte }

type bcryptHasher struct{ cost int }

func (h bcryptHasher) Hash(pw string) []byte {
	b, _ := bcrypt.GenerateFromPassword([]byte(pw), h.cost)
	return b
}

type Store interface {
	Save(name string, hash []byte) error
}

type sqlStore struct{ db *sql.DB }

func (s *sqlStore) Save(name string, hash []byte) error {
	_, err := s.db.Exec("INSERT INTO users VALUES ($1, $2)", name, hash)
	return err
}

type Server struct {
	hasher Hasher
	store  Store
}

func New(db *sql.DB) *Server {
	return &Server{hasher: bcryptHasher{cost: 12}, store: &sqlStore{db}}
}

func (s *Server) signup(w http.ResponseWriter, r *http.Request) {
	h := s.hasher.Hash(r.FormValue("pw")) // want `Server.signup calls bcrypt.GenerateFromPassword via iface.bcryptHasher.Hash: password hashing`
	s.store.Save(r.FormValue("name"), h)  // want `Server.signup calls sql.DB.Exec via iface.sqlStore.Save: the query`
}

func (s *Server) Routes(mux *http.ServeMux) { mux.HandleFunc("/signup", s.signup) }
