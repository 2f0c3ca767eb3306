// Package embed checks calls to methods promoted through embedded
// fields, from this package and from another.
package embed

import (
	"database/sql"
	"net/http"

	"chain/auth"
)

type DB struct{ *sql.DB }

type Account struct {
	*auth.User
	db DB
}

func handle(w http.ResponseWriter, r *http.Request) {
	var a Account
	a.Login("pw")         // want `handle calls bcrypt.CompareHashAndPassword via auth.User.Login → hash.Check → hash.compare`
	a.db.Exec("SELECT 1") // want `handle calls sql.DB.Exec`
}
