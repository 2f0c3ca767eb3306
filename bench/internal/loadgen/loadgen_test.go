package loadgen

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestPct(t *testing.T) {
	ms := func(n ...int) []time.Duration {
		var ds []time.Duration
		for _, v := range n {
			ds = append(ds, time.Duration(v)*time.Millisecond)
		}
		return ds
	}
	for _, tc := range []struct {
		cheap []time.Duration
		p     float64
		want  time.Duration
	}{
		{nil, 0.5, 0},
		{ms(7), 0, 7 * time.Millisecond},
		{ms(7), 0.99, 7 * time.Millisecond},
		{ms(1, 2, 3, 4), 0.5, 3 * time.Millisecond},
		{ms(1, 2, 3, 4), 0.99, 4 * time.Millisecond},
		{ms(1, 2, 3, 4), 1, 4 * time.Millisecond},
	} {
		if got := (Result{Cheap: tc.cheap}).Pct(tc.p); got != tc.want {
			t.Errorf("Pct(%v) of %v = %v, want %v", tc.p, tc.cheap, got, tc.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	rs := []Result{
		{Cheap: []time.Duration{1, 2, 30}, HeavyOK: 10, Heavy503: 0, HeavyErrs: 1, Elapsed: time.Second},
		{Cheap: []time.Duration{3, 4, 10, 20}, HeavyOK: 40, Heavy503: 4, Elapsed: 2 * time.Second},
		{Cheap: []time.Duration{5}, HeavyOK: 30, Heavy503: 30, HeavyErrs: 2, Elapsed: time.Second},
	}
	want := Summary{
		P50:            5,  // of 2, 10 and 5: each measure is a median of its own
		P99:            20, // of 30, 20 and 5
		Max:            20, // of 30, 20 and 5
		Samples:        3,  // of 3, 4 and 1
		OKPerSec:       20, // of 10, 20 and 30
		RejectedPerSec: 2,  // of 0, 2 and 30
		HeavyErrs:      3,  // the sum
	}
	if got := Summarize(rs); got != want {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
	// With an even number of runs, the upper middle value.
	if got := Median(rs[:2], func(r Result) float64 { return float64(r.HeavyOK) }); got != 40 {
		t.Errorf("Median of 10 and 40 = %v, want 40", got)
	}
}

func TestFormatDuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{1234 * time.Nanosecond, "1µs"},
		{999_600 * time.Nanosecond, "1ms"},
		{1_234_567 * time.Nanosecond, "1.2ms"},
		{9_960_000 * time.Nanosecond, "10ms"},
		{128_400 * time.Microsecond, "128ms"},
		{1_234_567_890 * time.Nanosecond, "1.235s"},
	} {
		if got := FormatDuration(tc.d); got != tc.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

// server is a test server whose heavy endpoint answers 201, 503 and 500
// in turn, after a millisecond, and counts its requests and those not as
// TestRun sends them.
type server struct {
	*httptest.Server
	heavy, badHeavy, badCheap atomic.Int64
}

func newServer(t *testing.T) *server {
	s := new(server)
	mux := http.NewServeMux()
	mux.HandleFunc("/heavy", func(w http.ResponseWriter, r *http.Request) {
		n := s.heavy.Add(1)
		body, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || string(body) != "a=b" || r.Header.Get("Content-Type") != "text/x" {
			s.badHeavy.Add(1)
		}
		time.Sleep(time.Millisecond)
		w.WriteHeader([]int{http.StatusCreated, http.StatusServiceUnavailable, http.StatusInternalServerError}[n%3])
	})
	mux.HandleFunc("/cheap", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			s.badCheap.Add(1)
		}
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// TestRun checks what Run counts and that it sends the requests it was
// given.
func TestRun(t *testing.T) {
	srv := newServer(t)
	cfg := Config{
		Base:         srv.URL,
		Heavy:        Request{Method: http.MethodPost, Path: "/heavy", Body: "a=b", ContentType: "text/x"},
		Cheap:        Request{Path: "/cheap"},
		HeavyClients: 4,
		CheapEvery:   time.Millisecond,
		Backoff:      time.Millisecond,
		Duration:     200 * time.Millisecond,
	}
	r, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r.HeavyOK == 0 || r.Heavy503 == 0 || r.HeavyErrs == 0 {
		t.Errorf("got %d ok, %d 503, %d other; want some of each", r.HeavyOK, r.Heavy503, r.HeavyErrs)
	}
	if len(r.Cheap) < 10 || r.Elapsed < cfg.Duration*9/10 {
		t.Errorf("got %d cheap samples in %v, want at least 10 in about %v", len(r.Cheap), r.Elapsed, cfg.Duration)
	}
	if srv.badHeavy.Load() != 0 || srv.badCheap.Load() != 0 {
		t.Errorf("%d heavy and %d cheap requests were not as configured", srv.badHeavy.Load(), srv.badCheap.Load())
	}
}

// TestRunIdle checks that Run sends no heavy request without heavy
// clients.
func TestRunIdle(t *testing.T) {
	srv := newServer(t)
	r, err := Run(context.Background(), Config{
		Base:       srv.URL,
		Heavy:      Request{Path: "/heavy"},
		Cheap:      Request{Path: "/cheap"},
		CheapEvery: time.Millisecond,
		Duration:   50 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv.Close() // waits for the handlers
	if n := srv.heavy.Load(); n != 0 || r.HeavyOK+r.Heavy503+r.HeavyErrs != 0 || len(r.Cheap) == 0 {
		t.Errorf("with no heavy clients: %d heavy requests, result %+v", n, r)
	}
}

// TestRunCheapFails checks that a run fails when the cheap endpoint does.
func TestRunCheapFails(t *testing.T) {
	srv := newServer(t)
	_, err := Run(context.Background(), Config{
		Base:         srv.URL,
		Heavy:        Request{Method: http.MethodPost, Path: "/heavy", Body: "a=b", ContentType: "text/x"},
		Cheap:        Request{Path: "/missing"},
		HeavyClients: 2,
		Duration:     time.Second,
	})
	if err == nil || err.Error() != "cheap request failed: Not Found" {
		t.Errorf("with a cheap endpoint that answers 404: %v", err)
	}
}
