// Package libpgx stands for pgx and its pgxpool: opening a connection
// derives the password's SCRAM key (pbkdf2), and a pool opens its
// connections with a constructor that it gives puddle.
package libpgx

import (
	"context"
	"crypto/pbkdf2"
	"crypto/sha256"

	"github.com/jackc/puddle/v2"
)

// A Conn is a connection to the database.
type Conn struct{ key []byte }

// Connect opens a connection, deriving the password's SCRAM key.
func Connect(ctx context.Context, password string) (*Conn, error) {
	key, err := pbkdf2.Key(sha256.New, password, []byte("salt"), 4096, 32)
	return &Conn{key: key}, err
}

// A Pool keeps connections open for its queries.
type Pool struct{ p *puddle.Pool[*Conn] }

// NewPool returns a pool that opens its connections with password.
func NewPool(password string) *Pool {
	p, _ := puddle.NewPool(&puddle.Config[*Conn]{Constructor: func(ctx context.Context) (*Conn, error) {
		return Connect(ctx, password)
	}})
	return &Pool{p: p}
}

// Exec runs a statement on a connection of the pool.
func (p *Pool) Exec(ctx context.Context, sql string) error {
	c, err := p.p.Acquire(ctx)
	if err != nil {
		return err
	}
	p.p.Release(c)
	return nil
}
