// Package main is a regression test for a false alarm on indigo
// (bench/corpus/TRIAGE.md, F5): a function with a handler's parameters
// that is only ever started with go, and that no other package can
// call, runs in the background and is not a root. A handler that waits
// for it is reported at its go statement; one that does not, is not.
package main

import (
	"net/http"
	"sync"
)

type service struct{ client *http.Client }

// forward runs in the background; it is only started with go.
func (s *service) forward(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest(r.Method, "http://sibling", nil)
	s.client.Do(req) // silent: nobody waits for it
}

var svc = &service{client: http.DefaultClient}

func admin(w http.ResponseWriter, r *http.Request) {
	go svc.forward(w, r)
	w.WriteHeader(http.StatusOK)
}

// mirror is started with go too, but its caller waits for it.
func (s *service) mirror(w http.ResponseWriter, r *http.Request, wg *sync.WaitGroup) {
	defer wg.Done()
	req, _ := http.NewRequest(r.Method, "http://mirror", nil)
	s.client.Do(req)
}

func both(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Add(1)
	go svc.mirror(w, r, &wg) // want `both calls http.Client.Do via main.service.mirror`
	wg.Wait()
}

// direct is called, not started: it is a root of its own.
func (s *service) direct(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest(r.Method, "http://direct", nil)
	s.client.Do(req) // want `service.direct calls http.Client.Do`
}

func inline(w http.ResponseWriter, r *http.Request) {
	svc.direct(w, r)
}

func main() {
	http.HandleFunc("/admin", admin)
	http.HandleFunc("/both", both)
	http.HandleFunc("/inline", inline)
	http.ListenAndServe(":8080", nil)
}
