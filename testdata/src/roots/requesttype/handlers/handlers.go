// Package handlers proves the request-type rule: functions whose
// parameters give them both the request and the response writer,
// through an application's own types, are roots, across packages; and
// that a function taking such a type but run only by background work,
// a client type that holds only a request, and a type whose Request
// method is a client's are not.
package handlers

import (
	"net/http"
	"time"

	"heavy"
	"roots/requesttype/app"
	"roots/requesttype/helpers"
)

// Signup takes an event that embeds the writer and the request.
func Signup(e *app.RequestEvent) error { // want Signup:"reaches bcrypt.GenerateFromPassword"
	helpers.Register(e.Request.FormValue("pw")) // want `Signup calls bcrypt.GenerateFromPassword via helpers.Register → heavy.Hash`
	helpers.Nothing()
	return nil
}

// Page takes a context that holds them two levels down, unexported.
func Page(c *app.Context) { // want Page:"reaches time.Sleep"
	time.Sleep(time.Second) // want `Page calls time.Sleep: `
}

// Through takes an interface whose methods return them.
func Through(c app.Ctx) { // want Through:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(c.Request().FormValue("pw")) // want `Through calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// Split takes the request through one parameter and the writer through
// another.
func Split(r *http.Request, out struct{ W app.ResponseWriter }) { // want Split:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(r.FormValue("pw")) // want `Split calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// Routes registers the handlers: it runs once, at start-up.
func Routes(a *app.App) {
	a.OnRequest("/signup", Signup)
	a.OnRequest("/hooked", func(e *app.RequestEvent) error {
		audit(e) // reported inside audit, the innermost root
		return nil
	})
}

// audit takes the request type and is called only from a root: it is a
// root itself, and reports what it reaches once, here.
func audit(e *app.RequestEvent) {
	heavy.Hash(e.Request.URL.Path) // want `audit calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// Main starts a background job that makes request events of its own:
// cleanup takes the request type, but no request runs it.
func Main(a *app.App) {
	go func() {
		for {
			cleanup(&app.RequestEvent{App: a})
			time.Sleep(time.Minute)
		}
	}()
}

func cleanup(e *app.RequestEvent) {
	heavy.Hash("nightly")
}

// Fetch is outbound client code: a Call holds only a request.
func Fetch(c *app.Call) ([]byte, error) { // want Fetch:"reaches time.Sleep"
	_, err := c.Do()
	return nil, err
}

// Observe takes an exchange, whose Request method is a client's.
func Observe(x app.Exchange) { // want Observe:"reaches time.Sleep"
	time.Sleep(time.Millisecond)
}
