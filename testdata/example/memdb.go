package main

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"strings"
	"sync"
)

// memory is a database/sql driver that keeps the users table of
// package store in memory: just enough SQL for its three statements, so
// that the example runs (-db=memory, the default) without a database
// server.
type memory struct {
	mu    sync.Mutex
	users map[string][]byte
}

func init() { sql.Register("memory", &memory{users: make(map[string][]byte)}) }

func (m *memory) Open(string) (driver.Conn, error) { return conn{m}, nil }

type conn struct{ m *memory }

func (c conn) Prepare(query string) (driver.Stmt, error) { return stmt{c.m, query}, nil }
func (c conn) Close() error                              { return nil }
func (c conn) Begin() (driver.Tx, error)                 { return nil, errors.New("no transactions") }

type stmt struct {
	m     *memory
	query string
}

func (s stmt) Close() error  { return nil }
func (s stmt) NumInput() int { return -1 }

func (s stmt) Exec(args []driver.Value) (driver.Result, error) {
	if !strings.HasPrefix(s.query, "INSERT INTO users") {
		return nil, errors.New("unsupported: " + s.query)
	}
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	s.m.users[args[0].(string)] = args[1].([]byte)
	return driver.RowsAffected(1), nil
}

func (s stmt) Query(args []driver.Value) (driver.Rows, error) {
	if !strings.HasPrefix(s.query, "SELECT name, hash FROM users") {
		return nil, errors.New("unsupported: " + s.query)
	}
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	name := args[0].(string)
	hash, ok := s.m.users[name]
	if !ok {
		return &rows{}, nil
	}
	return &rows{row: []driver.Value{name, hash}}, nil
}

type rows struct{ row []driver.Value }

func (r *rows) Columns() []string { return []string{"name", "hash"} }
func (r *rows) Close() error      { return nil }

func (r *rows) Next(dest []driver.Value) error {
	if r.row == nil {
		return io.EOF
	}
	copy(dest, r.row)
	r.row = nil
	return nil
}
