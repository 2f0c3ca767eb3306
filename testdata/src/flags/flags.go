// Package flags checks -ignore-sink and -categories, set by TestFlags.
package flags

import (
	"database/sql"
	"net/http"
	"time"

	"golang.org/x/crypto/bcrypt"
)

func handle(w http.ResponseWriter, r *http.Request) {
	var db *sql.DB
	time.Sleep(time.Second)              // ignored by -ignore-sink
	<-time.After(time.Second)            // ignored by -ignore-sink, a wait rather than a call
	bcrypt.GenerateFromPassword(nil, 10) // cpu-heavy is not in -categories
	db.Ping()                            // want `handle calls sql.DB.Ping`
}
