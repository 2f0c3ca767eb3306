// Package iface checks that calls through interfaces and function
// values are not followed in per-package mode: blockcheck does not
// guess which implementation runs.
package iface

import (
	"net/http"

	"heavy"
)

type Hasher interface{ Hash(string) []byte }

type slow struct{}

func (slow) Hash(s string) []byte { return heavy.Hash(s) } // want Hash:"reaches bcrypt.GenerateFromPassword"

type Server struct {
	hasher Hasher
	hook   func(string) []byte
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	s.hasher.Hash("x")
	s.hook("x")
}

func New() *Server { return &Server{hasher: slow{}, hook: heavy.Hash} }
