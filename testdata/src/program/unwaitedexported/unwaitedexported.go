// Package unwaitedexported is F5 of bench/corpus/TRIAGE.md in
// whole-program mode, which sees every caller: an exported function
// with a handler's parameters that every caller starts with go, and
// that nobody waits for, runs in the background and is not a root
// (per-package mode, which cannot see other packages' callers, still
// takes it for one). A handler that waits for such a goroutine is
// reported at its go statement.
package unwaitedexported

import (
	"net/http"
	"sync"
)

// Service forwards requests to a sibling.
type Service struct{ Client *http.Client }

// ForwardSibling runs in the background: it is only started with go.
func (s *Service) ForwardSibling(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest(r.Method, "http://sibling", nil)
	s.Client.Do(req) // silent: nobody waits for it
}

// Mirror is started with go too, but its caller waits for it.
func (s *Service) Mirror(w http.ResponseWriter, r *http.Request, wg *sync.WaitGroup) {
	defer wg.Done()
	req, _ := http.NewRequest(r.Method, "http://mirror", nil)
	s.Client.Do(req)
}

var svc = &Service{Client: http.DefaultClient}

func admin(w http.ResponseWriter, r *http.Request) {
	go svc.ForwardSibling(w, r)
	w.WriteHeader(http.StatusOK)
}

func both(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Add(1)
	go svc.Mirror(w, r, &wg) // want `both calls http.Client.Do via unwaitedexported.Service.Mirror`
	wg.Wait()
}

// Serve registers the handlers.
func Serve(mux *http.ServeMux) {
	mux.HandleFunc("/admin", admin)
	mux.HandleFunc("/both", both)
}
