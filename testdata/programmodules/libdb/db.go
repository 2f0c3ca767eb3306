// Package libdb stands for a database client: a dependency of the app.
package libdb

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/pbkdf2"
	"crypto/sha256"
	"net"
)

// Query sends a query. It is given a context, and is trusted to honour
// it: its dial, which does not use the context, is its own business.
func Query(ctx context.Context, q string) error {
	conn, err := net.Dial("tcp", "db:5432")
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write(compress([]byte(q)))
	return err
}

// compress is the client's wire format: not reported in a dependency.
func compress(b []byte) []byte {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	gz.Write(b)
	gz.Close()
	return buf.Bytes()
}

// Compress is exported and takes no context; still the library's own
// compression.
func Compress(b []byte) []byte { return compress(b) }

// Ping dials without being given a context: reported.
func Ping(addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	return conn.Close()
}

// Hash derives a key: CPU-heavy, wherever it runs.
func Hash(ctx context.Context, pw string) ([]byte, error) {
	return pbkdf2.Key(sha256.New, pw, nil, 600000, 32)
}

// Conn is a connection, and WithContext a copy of it that carries a
// context, as gorm's and pop's query builders do.
type Conn struct{ ctx context.Context }

// Open opens a connection.
func Open() *Conn { return &Conn{ctx: context.Background()} }

// WithContext returns a copy of c that uses ctx.
func (c *Conn) WithContext(ctx context.Context) *Conn { return &Conn{ctx: ctx} }

// Where starts a query.
func (c *Conn) Where(cond string) *Stmt { return &Stmt{conn: c, cond: cond} }

// A Stmt is a query being built.
type Stmt struct {
	conn  *Conn
	cond  string
	eager bool
}

// First runs the query. Its eager branch dials without the query's
// context (as pop's preloading does): the library's contract with the
// context it was given, not reported when it was given one.
func (q *Stmt) First() error {
	if q.eager {
		return Ping("replica:5432")
	}
	return Query(q.conn.ctx, q.cond)
}

// And narrows the query.
func (q *Stmt) And(cond string) *Stmt {
	return &Stmt{conn: q.conn, cond: q.cond + " AND " + cond, eager: q.eager}
}
