// Package acme is the control for acmetest: the same handler in a file
// that does not import "testing" is reported, though another file of
// the package, test helpers kept beside the code, does import it.
package acme

import (
	"crypto/tls"
	"net/http"
)

type CAServer struct{}

func (s *CAServer) handle(w http.ResponseWriter, r *http.Request) {
	conn, err := tls.Dial("tcp", r.Host, nil) // want `CAServer.handle calls tls.Dial`
	if err == nil {
		conn.Close()
	}
}
