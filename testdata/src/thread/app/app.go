// Package app checks that a root's call of a function that only calls
// its variant with a background context (learnt from lib's Variant
// fact) is reported, and moves to the variant with the request's
// context.
package app

import (
	"net/http"

	"thread/lib"
)

type server struct{ users *lib.Users }

func (s *server) signup(w http.ResponseWriter, r *http.Request) {
	if err := s.users.Save(r.FormValue("name")); err != nil { // want `server.signup calls lib.Users.Save, which gives SaveContext a background context: .*; call SaveContext with the request's context instead`
		return
	}
	lib.Touch(s.users.DB) // want `server.signup calls lib.Touch, which gives TouchContext a background context`
	lib.Swap("a", "b")
}
