// Package generatednegative proves that implementing a generated
// interface does not make a root when the generated package is no RPC
// service (sqlc), nor implementing an interface that a hand-written
// package's New function takes, even in a package importing gRPC.
package generatednegative

import (
	"context"
	"database/sql"
	"time"

	"roots/generatednegative/db"
	"roots/generatednegative/plugins"
)

type slowDB struct{ db *sql.DB }

func (s slowDB) ExecContext(ctx context.Context, q string, args ...interface{}) (sql.Result, error) { // want ExecContext:"reaches time.Sleep"
	time.Sleep(time.Millisecond)
	return s.db.ExecContext(ctx, q, args...)
}

type fileStore struct{}

func (fileStore) Load(ctx context.Context, key string) ([]byte, error) { // want Load:"reaches time.Sleep"
	time.Sleep(time.Second)
	return nil, nil
}

func Wire(d *sql.DB) {
	db.New(slowDB{d})
	plugins.NewServer(fileStore{})
}
