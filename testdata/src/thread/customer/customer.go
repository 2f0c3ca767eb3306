// Package customer checks that a chain through a helper to a wrapper
// that gives its Context variant a background context is reported at
// the handler, and that the helper's call moves to the variant with the
// context it has at hand (HotROD's customer.database.Get calling
// delay.Sleep). A helper without a context gets one first (the call of
// the variant is then the next round's fix), and a helper that already
// calls the variant with its context reaches nothing.
package customer

import (
	"net/http"
	"time"

	"thread/delay"
)

type server struct{ db *database }

func (s *server) get(w http.ResponseWriter, r *http.Request) {
	s.db.Get(r.Context(), r.FormValue("id")) // want `server.get calls delay.SleepContext with context.Background\(\) via customer.database.Get → delay.Sleep: the call can be cancelled, but not by the request; pass the request's context instead`
}

func (s *server) list(w http.ResponseWriter, r *http.Request) {
	s.db.list(r.FormValue("id")) // want `server.list calls delay.SleepContext with context.Background\(\) via customer.database.list → delay.Sleep: the call can be cancelled, but not by the request; pass the request's context instead$`
}

func (s *server) find(w http.ResponseWriter, r *http.Request) {
	s.db.Find(r.Context(), r.FormValue("id"))
	s.db.Wait(nil)
}

func (s *server) fetch(w http.ResponseWriter, r *http.Request) {
	s.db.Fetch(r.Context(), r.FormValue("id")) // want `server.fetch calls delay.SleepContext with context.Background\(\) via customer.database.Fetch → customer.database.check → delay.Sleep`
}

func (s *server) sleep(w http.ResponseWriter, r *http.Request) {
	delay.Sleep(time.Millisecond) // want `server.sleep calls delay.SleepContext with context.Background\(\) via delay.Sleep`
}

func (s *server) nap(w http.ResponseWriter, r *http.Request) {
	delay.Nap(time.Millisecond) // want `server.nap calls time.Sleep via delay.Nap → delay.NapContext: .*\(no suggested fix: NapContext blocks without its context too\)` `server.nap calls delay.NapContext with context.Background\(\) via delay.Nap`
}
