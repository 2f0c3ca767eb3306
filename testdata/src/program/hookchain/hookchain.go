// Package hookchain: a hook system whose events share one next func()
// field, which Trigger[T] fills with a closure of its own instance for
// every T (PocketBase's tools/hook). A call of next cannot tell which
// instance's closure it holds, so it is not followed when several
// instances' closures flow into it: logRequest's e.Next() does not
// reach the password hashing of the save hooks, whose only chain is an
// impossible one. A regression test for the findings of pattern 4 of
// the precision issue ("a hook chain's Next"); audited, the control, is
// a hook chain with a single instance, and is followed.
package hookchain

import (
	"net/http"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/crypto/scrypt"
)

// Resolver is what an event of a hook must offer.
type Resolver interface {
	Next() error
	setNext(f func() error)
}

// Event is embedded in every event.
type Event struct{ next func() error }

func (e *Event) setNext(f func() error) { e.next = f }

// Next calls the next handler of the chain.
func (e *Event) Next() error {
	if e.next != nil {
		return e.next()
	}
	return nil
}

// Hook is a chain of handlers of events of type T.
type Hook[T Resolver] struct{ handlers []func(T) error }

// Bind adds a handler.
func (h *Hook[T]) Bind(f func(T) error) { h.handlers = append(h.handlers, f) }

// Trigger runs the handlers, each of which calls Next to go on.
func (h *Hook[T]) Trigger(ev T) error {
	for i := len(h.handlers) - 1; i >= 0; i-- {
		f := h.handlers[i]
		ev.setNext(func() error { return f(ev) })
	}
	return ev.Next()
}

// RequestEvent is a request's event: handlers of it are roots.
type RequestEvent struct {
	Event
	W http.ResponseWriter
	R *http.Request
}

// SaveEvent is the event of saving a user.
type SaveEvent struct {
	Event
	Password string
}

var (
	onRequest Hook[*RequestEvent]
	onSave    Hook[*SaveEvent]
)

func init() {
	onRequest.Bind(logRequest)
	onSave.Bind(hashOnSave)
}

func hashOnSave(e *SaveEvent) error {
	hash, err := bcrypt.GenerateFromPassword([]byte(e.Password), bcrypt.DefaultCost)
	if err != nil {
		return err
	}
	e.Password = string(hash)
	return e.Next()
}

func logRequest(e *RequestEvent) error {
	return e.Next() // nothing: next holds the closure of Hook[*RequestEvent]'s Trigger here
}

// serve is the router's dispatch: it runs the request hooks, whose
// next holds the closure of Hook[*RequestEvent].Trigger only.
func serve(w http.ResponseWriter, r *http.Request) {
	onRequest.Trigger(&RequestEvent{W: w, R: r}) // nothing, as in logRequest
}

// signup saves a user, which runs the save hooks and hashes the
// password. It is not reported: the save hooks run through the same
// next, which the chain cannot follow (a miss, which the README's
// limitations name).
func signup(w http.ResponseWriter, r *http.Request) {
	save(r.FormValue("password"))
}

func save(password string) error { return onSave.Trigger(&SaveEvent{Password: password}) }

// Chain is a hook chain that no generic function builds: its one
// closure is followed.
type Chain struct{ next func([]byte) error }

var audit = Chain{next: func(b []byte) error {
	_, err := scrypt.Key(b, b, 1<<15, 8, 1, 32)
	return err
}}

func audited(w http.ResponseWriter, r *http.Request) {
	audit.next([]byte(r.FormValue("k"))) // want `audited calls scrypt.Key via hookchain.init.func1: password hashing`
}
