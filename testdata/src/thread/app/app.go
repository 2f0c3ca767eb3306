// Package app checks that a root's call of a function that only calls
// its variant with a background context is reported, since the variant
// waits on what only its context cancels (learnt from lib's Reach fact),
// and moves to the variant (learnt from lib's Variant fact) with the
// request's context. Swap's variant waits on nothing: not reported.
package app

import (
	"net/http"

	"thread/lib"
)

type server struct{ users *lib.Users }

func (s *server) signup(w http.ResponseWriter, r *http.Request) {
	if err := s.users.Save(r.FormValue("name")); err != nil { // want `server.signup calls lib.Users.SaveContext with context.Background\(\) via lib.Users.Save: the call can be cancelled, but not by the request; pass the request's context instead`
		return
	}
	lib.Touch(s.users.DB) // want `server.signup calls lib.TouchContext with context.TODO\(\) via lib.Touch`
	lib.Swap("a", "b")
}
