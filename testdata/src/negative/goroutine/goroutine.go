// Package goroutine checks that work started with go and not waited
// for is not reported, and that work the handler waits for (through a
// WaitGroup, an errgroup or a channel) is.
package goroutine

import (
	"net/http"
	"sync"

	"golang.org/x/sync/errgroup"

	"heavy"
)

func fireAndForget(w http.ResponseWriter, r *http.Request) {
	go heavy.Hash("background")
	go func() {
		heavy.Hash("background")
	}()
}

func waitGroup(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `waitGroup calls bcrypt.GenerateFromPassword via goroutine.waitGroup.func1 → heavy.Hash`
		defer wg.Done()
		heavy.Hash("x")
	}()
	wg.Wait()
}

func errGroup(w http.ResponseWriter, r *http.Request) {
	g, _ := errgroup.WithContext(r.Context())
	g.Go(func() error { // want `errGroup calls bcrypt.GenerateFromPassword via goroutine.errGroup.func1 → heavy.Hash`
		heavy.Hash("x")
		return nil
	})
	g.Wait()
}

func channel(w http.ResponseWriter, r *http.Request) {
	done := make(chan []byte)
	go func() { done <- heavy.Hash("x") }() // want `channel calls bcrypt.GenerateFromPassword via goroutine.channel.func1 → heavy.Hash`
	w.Write(<-done)
}

func unwaitedGroup(w http.ResponseWriter, r *http.Request) {
	var g errgroup.Group
	g.Go(func() error { heavy.Hash("x"); return nil }) // never waited for here: not reported
}
