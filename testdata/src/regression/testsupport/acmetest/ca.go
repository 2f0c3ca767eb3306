// Package acmetest is a regression test for a false alarm on spire
// (bench/corpus/TRIAGE.md, F6): a test CA server in a package of its
// own, outside _test.go files, whose handler dials the client. Its file
// imports "testing", so it is test support: it runs in tests, and its
// handlers are not request roots.
package acmetest

import (
	"crypto/tls"
	"net/http"
	"testing"
)

type CAServer struct{ t *testing.T }

func NewCAServer(t *testing.T) *CAServer { return &CAServer{t: t} }

func (s *CAServer) handle(w http.ResponseWriter, r *http.Request) {
	conn, err := tls.Dial("tcp", r.Host, nil)
	if err == nil {
		conn.Close()
	}
}
