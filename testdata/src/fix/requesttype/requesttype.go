// Package requesttype checks that a fix finds the request's context in
// a request type of the application's own: through an embedded
// struct's promoted field, and through a method.
package requesttype

import (
	"database/sql"
	"net/http"
)

type Event struct {
	Response http.ResponseWriter
	Request  *http.Request
}

type RequestEvent struct {
	Event
	DB *sql.DB
}

func list(e *RequestEvent) error {
	_, err := e.DB.Query("SELECT 1") // want `list calls sql.DB.Query`
	return err
}

type Ctx interface {
	Request() *http.Request
	Response() http.ResponseWriter
	DB() *sql.DB
}

func count(c Ctx) error {
	return c.DB().Ping() // want `count calls sql.DB.Ping`
}
