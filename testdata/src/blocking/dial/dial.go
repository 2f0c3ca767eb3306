// Package dial covers dials, DNS lookups, SMTP and LDAP without the
// request's context, and shows that a Dialer with a context is fine.
package dial

import (
	"crypto/tls"
	"net"
	"net/http"
	"net/smtp"
	"time"

	"github.com/go-ldap/ldap/v3"
)

func probe(w http.ResponseWriter, r *http.Request) {
	net.Dial("tcp", "db:5432")                     // want `probe calls net.Dial: dialing without a context ignores the request's cancellation; use DialContext with the request's context`
	net.DialTimeout("tcp", "db:5432", time.Second) // want `probe calls net.DialTimeout`
	tls.Dial("tcp", "example.com:443", nil)        // want `probe calls tls.Dial`
	net.LookupHost("example.com")                  // want `probe calls net.LookupHost: a DNS lookup without a context`
	smtp.SendMail("mail:25", nil, "a@b", nil, nil) // want `probe calls smtp.SendMail: SMTP has no context-aware API`
	ldap.DialURL("ldap://ldap:389")                // want `probe calls ldap.DialURL: dialing LDAP blocks`

	var d net.Dialer
	d.DialContext(r.Context(), "tcp", "db:5432") // fine
	net.DefaultResolver.LookupHost(r.Context(), "example.com")
}
