// Package libcql stands for gocql (a false alarm found on jaeger in
// whole-program mode, F2 in bench/corpus/TRIAGE.md): a connection's
// error handler is the pool for pooled connections and the control
// connection, which resolves names, only for the control connection,
// which runs no query. Both are made by one constructor, so a call
// graph that merges a field's values cannot tell them apart.
package libcql

import (
	"errors"
	"net"
)

type errorHandler interface {
	HandleError(c *Conn, err error)
}

// Conn is a connection.
type Conn struct{ errorHandler errorHandler }

type pool struct{}

func (pool) HandleError(c *Conn, err error) {}

type control struct{ hosts []string }

func (ctl *control) HandleError(c *Conn, err error) {
	net.LookupIP(ctl.hosts[0])
}

// Session is a session, with a pooled and a control connection.
type Session struct{ conn, control *Conn }

// NewSession connects.
func NewSession(hosts []string) *Session {
	return &Session{conn: &Conn{errorHandler: pool{}}, control: &Conn{errorHandler: &control{hosts}}}
}

// Query runs a query on a pooled connection.
func (s *Session) Query(q string) error {
	if q == "" {
		err := errors.New("empty query")
		s.conn.errorHandler.HandleError(s.conn, err)
		return err
	}
	return nil
}
