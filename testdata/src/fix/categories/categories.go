// Package categories checks the fixes at a call that reaches two
// categories: the CPU-heavy diagnostic offers the offload wrap, the
// blocking one none (its remedy is to pass the context down to the
// helper), and the fixed file compiles. A direct blocking call in the
// same handler keeps its own context fix.
package categories

import (
	"database/sql"
	"net/http"

	"fix/helpers"
)

type Server struct{ db *sql.DB }

func (s *Server) save(w http.ResponseWriter, r *http.Request) {
	pw := r.FormValue("pw")
	helpers.Save(s.db, pw)            // want `Server.save calls bcrypt.GenerateFromPassword via helpers.Save: .*; run it with offload$` `Server.save calls sql.DB.Exec via helpers.Save: .*; pass the request's context down to helpers.Save and use ExecContext with it$`
	s.db.Exec("DELETE FROM sessions") // want `Server.save calls sql.DB.Exec: .*; use ExecContext with the request's context$`
}
