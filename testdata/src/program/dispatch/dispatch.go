// Package dispatch: a router that calls its actions through a table
// (pattern 4 of the precision issue). The table holds login, a root
// (named in .blockcheck.yml), and audit, which is not one. Router.ServeHTTP
// and the middleware Logged dispatch through the table: what login
// reaches is reported in login, not again at the dispatchers; what only
// audit reaches is reported once, at the first dispatcher, with audit
// in the chain.
package dispatch

import (
	"net/http"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/crypto/scrypt"
)

// Ctx is the router's own request type, which is not shaped like one.
type Ctx struct{ Body []byte }

// Router calls an action per path.
type Router struct{ actions map[string]func(*Ctx) error }

// NewRouter returns the router of the application.
func NewRouter() *Router {
	return &Router{actions: map[string]func(*Ctx) error{"/login": login, "/audit": audit}}
}

func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rt.actions[r.URL.Path](&Ctx{}) // want `Router.ServeHTTP calls scrypt.Key via dispatch.audit → dispatch.derive`
}

// Logged is a middleware that dispatches through the same table.
func Logged(rt *Router) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rt.actions[r.URL.Path](&Ctx{}) // nothing: Router.ServeHTTP reports what only audit reaches
	}
}

func login(c *Ctx) error {
	return check(c.Body) // want `login calls bcrypt.CompareHashAndPassword via dispatch.check`
}

func audit(c *Ctx) error {
	if err := check(c.Body); err != nil { // reported in login
		return err
	}
	return derive(c.Body)
}

func check(b []byte) error { return bcrypt.CompareHashAndPassword(b, b) }

func derive(b []byte) error {
	_, err := scrypt.Key(b, b, 1<<15, 8, 1, 32)
	return err
}
