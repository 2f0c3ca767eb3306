// Package methodvalue checks chains through method values and method
// expressions, whose calls go through synthetic wrappers.
package methodvalue

import (
	"net/http"

	"chain/auth"
)

type Service struct{}

func (s *Service) Register(name, pw string) (*auth.User, error) { // want Register:"reaches bcrypt.GenerateFromPassword"
	return auth.Register(name, pw)
}

func handle(w http.ResponseWriter, r *http.Request) {
	s := &Service{}
	register := s.Register
	register("a", "b")               // want `handle calls bcrypt.GenerateFromPassword via methodvalue.Service.Register → auth.Register → hash.HashPassword`
	(*Service).Register(s, "a", "b") // want `handle calls bcrypt.GenerateFromPassword via methodvalue.Service.Register → auth.Register → hash.HashPassword`
	login := (&auth.User{}).Login
	login("pw") // want `handle calls bcrypt.CompareHashAndPassword via auth.User.Login → hash.Check → hash.compare`
}
