// Package forward checks the forward step of threading the request's
// context down the chain: a call of a function that blocks without a
// context becomes a call of its context-taking sibling, found in
// another package's API, with the request's context.
package forward

import (
	"database/sql"
	"net/http"

	"github.com/gin-gonic/gin"

	"fix/helpers"
)

type server struct{ users *helpers.Users }

func (s *server) profile(w http.ResponseWriter, r *http.Request) {
	if err := s.users.Find(r.PathValue("name")); err != nil { // want `server.profile calls sql.DB.QueryRow via helpers.Users.Find`
		return
	}
	helpers.Lookup(s.users.DB, "a", "b") // want `server.profile calls sql.DB.Ping via helpers.Lookup`
	names := []string{"a"}
	helpers.Lookup(s.users.DB, names...) // want `server.profile calls sql.DB.Ping via helpers.Lookup`
	s.users.Delete(r.PathValue("name"))  // want `server.profile calls sql.DB.Exec via helpers.Users.Delete`
}

func (s *server) gin(c *gin.Context) {
	s.users.Find(c.Param("name")) // want `server.gin calls sql.DB.QueryRow via helpers.Users.Find`
}

func dbAndName() (*sql.DB, string) { return nil, "" }

func (s *server) noFix(w http.ResponseWriter, r *http.Request) {
	helpers.Lookup(dbAndName()) // want `no suggested fix: the call spreads another call's results into its arguments`
	s.users.Save("bob")         // want `server.noFix calls sql.DB.Exec via helpers.Users.Save: .* \(no suggested fix: SaveContext blocks without its context too\)`
	s.users.Count("users")      // want `server.noFix calls sql.DB.QueryRow via helpers.Users.Count: .*use QueryRowContext with it$`
}
