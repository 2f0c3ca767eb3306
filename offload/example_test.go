package offload_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"time"

	"github.com/blockcheck/blockcheck/offload"
)

// hash stands for CPU-heavy work such as bcrypt or image encoding.
func hash(s string) (string, error) {
	if s == "" {
		return "", errors.New("empty input")
	}
	sum := sha256.Sum256([]byte(s))
	return fmt.Sprintf("%x", sum[:4]), nil
}

// A handler runs its CPU-heavy call on the default pool and lets
// WriteError answer when the pool is overloaded or the client has gone.
func ExampleDo() {
	handler := func(w http.ResponseWriter, r *http.Request) {
		sum, err := offload.Do(r.Context(), func() (string, error) {
			return hash(r.FormValue("password"))
		})
		if err != nil {
			offload.WriteError(w, err)
			return
		}
		fmt.Fprintln(w, sum)
	}

	rec := httptest.NewRecorder()
	handler(rec, httptest.NewRequest(http.MethodPost, "/signup?password=hunter2", nil))
	fmt.Print(rec.Code, " ", rec.Body)
	// Output: 200 f52fbd32
}

func ExampleValue() {
	n, err := offload.Value(context.Background(), func() int {
		return len(strings.Fields("the quick brown fox"))
	})
	fmt.Println(n, err)
	// Output: 4 <nil>
}

func ExampleRun() {
	var sum [32]byte
	err := offload.Run(context.Background(), func() {
		sum = sha256.Sum256([]byte("hunter2"))
	})
	fmt.Printf("%x %v\n", sum[:4], err)
	// Output: f52fbd32 <nil>
}

// A pool of its own keeps one kind of work from crowding out another.
func ExampleDoOn() {
	thumbnails := offload.New(offload.WithWorkers(2), offload.WithQueue(8))
	sum, err := offload.DoOn(context.Background(), thumbnails, func() (string, error) {
		return hash("image bytes")
	})
	fmt.Println(sum, err)
	_, err = offload.DoOn(context.Background(), thumbnails, func() (string, error) {
		return hash("")
	})
	fmt.Println(err)
	// Output:
	// de703023 <nil>
	// empty input
}

func ExampleValueOn() {
	p := offload.New(offload.WithWorkers(1))
	n, err := offload.ValueOn(context.Background(), p, func() int { return 6 * 7 })
	fmt.Println(n, err)
	// Output: 42 <nil>
}

func ExamplePool_Run() {
	p := offload.New(offload.WithWorkers(1))
	err := p.Run(context.Background(), func() { fmt.Println("ran") })
	fmt.Println(err)
	// Output:
	// ran
	// <nil>
}

// A pool without a queue rejects a task at once when its workers are busy.
func ExampleNew() {
	p := offload.New(offload.WithWorkers(1), offload.WithQueue(0))
	started, release := make(chan struct{}), make(chan struct{})
	go p.Run(context.Background(), func() { close(started); <-release })
	<-started

	err := p.Run(context.Background(), func() {})
	fmt.Println(err, errors.Is(err, offload.ErrOverloaded))
	close(release)
	_ = p.Shutdown(context.Background())
	// Output: offload: pool overloaded true
}

// A task that waits in the queue longer than the pool allows is rejected
// and never runs.
func ExampleWithMaxWait() {
	p := offload.New(offload.WithWorkers(1), offload.WithMaxWait(time.Millisecond))
	started, release := make(chan struct{}), make(chan struct{})
	go p.Run(context.Background(), func() { close(started); <-release })
	<-started

	err := p.Run(context.Background(), func() { fmt.Println("never printed") })
	fmt.Println(err)
	close(release)
	_ = p.Shutdown(context.Background())
	// Output: offload: pool overloaded: queued for longer than 1ms
}

func ExampleWriteError() {
	for _, err := range []error{offload.ErrOverloaded, context.DeadlineExceeded, context.Canceled} {
		rec := httptest.NewRecorder()
		offload.WriteError(rec, err)
		fmt.Printf("%v: %d %q Retry-After=%q\n", err, rec.Code, rec.Body, rec.Header().Get("Retry-After"))
	}
	// Output:
	// offload: pool overloaded: 503 "Service Unavailable\n" Retry-After="1"
	// context deadline exceeded: 504 "Gateway Timeout\n" Retry-After=""
	// context canceled: 200 "" Retry-After=""
}

func ExampleHTTPStatus() {
	fmt.Println(offload.HTTPStatus(offload.ErrClosed))
	fmt.Println(offload.HTTPStatus(context.Canceled))
	fmt.Println(offload.HTTPStatus(errors.New("decode: bad input")))
	// Output:
	// 503
	// 499
	// 500
}

func ExamplePanicError() {
	_, err := offload.Value(context.Background(), func() int {
		var counts []int
		return counts[len("ab")] // panics: index out of range
	})
	var perr *offload.PanicError
	if errors.As(err, &perr) {
		fmt.Println("recovered:", perr.Value)
		fmt.Println("is a runtime error:", errors.As(err, new(runtime.Error)))
	}
	// Output:
	// recovered: runtime error: index out of range [2] with length 0
	// is a runtime error: true
}

func ExamplePool_Stats() {
	p := offload.New(offload.WithWorkers(2))
	for range 3 {
		_ = p.Run(context.Background(), func() {})
	}
	s := p.Stats()
	fmt.Println(s.Workers, s.Busy, s.Queued, s.Completed, s.Rejected)
	// Output: 2 0 0 3 0
}

func ExamplePool_Shutdown() {
	p := offload.New()
	_ = p.Run(context.Background(), func() {})

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	fmt.Println(p.Shutdown(ctx))
	fmt.Println(p.Run(context.Background(), func() {}))
	// Output:
	// <nil>
	// offload: pool closed
}

func ExampleSetDefault() {
	old := offload.Default()
	defer offload.SetDefault(old)

	offload.SetDefault(offload.New(offload.WithWorkers(1), offload.WithQueue(4)))
	fmt.Println(offload.Default().Stats().Workers)
	// Output: 1
}

// With WithWaitWhenFull a caller that finds the pool full waits for room,
// instead of getting ErrOverloaded.
func ExampleWithWaitWhenFull() {
	p := offload.New(offload.WithWorkers(1), offload.WithQueue(0), offload.WithWaitWhenFull())
	started, release := make(chan struct{}), make(chan struct{})
	first := make(chan error)
	go func() { first <- p.Run(context.Background(), func() { close(started); <-release }) }()
	<-started

	second := make(chan error)
	go func() { second <- p.Run(context.Background(), func() { fmt.Println("second ran") }) }()
	for p.Stats().Waiting == 0 {
		runtime.Gosched() // until the second call waits
	}
	fmt.Println("waiting:", p.Stats().Waiting)
	close(release)
	fmt.Println(<-first, <-second)
	// Output:
	// waiting: 1
	// second ran
	// <nil> <nil>
}

// Rejected separates offload's refusals from the task's own errors, for
// handlers that already answer the latter in their own way.
func ExampleRejected() {
	errUserExists := errors.New("user exists")
	register := func(name string) (int, error) {
		if name == "root" {
			return 0, errUserExists
		}
		return 42, nil
	}
	handler := func(w http.ResponseWriter, r *http.Request) {
		id, err := offload.Do(r.Context(), func() (int, error) { return register(r.FormValue("name")) })
		if offload.Rejected(err) {
			offload.WriteError(w, err)
			return
		}
		if errors.Is(err, errUserExists) {
			http.Error(w, "name taken", http.StatusConflict)
			return
		}
		fmt.Fprintln(w, "id", id)
	}

	for _, name := range []string{"ann", "root"} {
		rec := httptest.NewRecorder()
		handler(rec, httptest.NewRequest(http.MethodPost, "/register?name="+name, nil))
		fmt.Print(rec.Code, " ", rec.Body)
	}
	// Output:
	// 200 id 42
	// 409 name taken
}
