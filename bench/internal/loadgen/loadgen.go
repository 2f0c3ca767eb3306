// Package loadgen is the load generator and the statistics of the
// latency-isolation benchmarks: it floods a server's heavy endpoint from a
// fixed number of closed-loop clients while it samples a cheap endpoint at
// a steady pace, and summarises runs as medians.
//
// The offload benchmark (bench/offload/latency), where it was first
// written, drives it against a synthetic server; the example benchmark
// (bench/example) drives it against the example application before and
// after blockcheck -fix.
package loadgen

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Request is the request one endpoint receives, the same every time.
type Request struct {
	Method      string // GET if empty
	Path        string // from the server's root, such as "/heavy"
	Body        string // sent with ContentType if not empty
	ContentType string
}

// Config says how to load a server for one run.
type Config struct {
	// Base is the server's URL without a path, such as
	// "http://127.0.0.1:8080".
	Base string
	// Heavy is the request of the flood, Cheap the one sampled.
	Heavy, Cheap Request
	// HeavyClients is the number of closed-loop clients that send Heavy;
	// with 0 there is no flood and Run measures Cheap on its own.
	HeavyClients int
	// CheapEvery is the pause between the end of one Cheap request and
	// the start of the next.
	CheapEvery time.Duration
	// Backoff is the pause of a heavy client after a 503.
	Backoff time.Duration
	// Duration is how long the run lasts.
	Duration time.Duration
}

// maxRequests bounds the requests of each client of a run, besides its
// duration.
const maxRequests = 1_000_000

// Result is what one run measured.
type Result struct {
	Cheap     []time.Duration // latencies of the Cheap requests, sorted
	HeavyOK   int             // Heavy requests answered with a 2xx status
	Heavy503  int             // Heavy requests answered with 503
	HeavyErrs int             // Heavy requests that failed otherwise
	Elapsed   time.Duration   // how long the sampling of Cheap lasted
}

// Pct returns the p-quantile (0 ≤ p ≤ 1) of the Cheap latencies: the
// sample at index p×n, or the last one; 0 if there are none.
func (r Result) Pct(p float64) time.Duration {
	if len(r.Cheap) == 0 {
		return 0
	}
	return r.Cheap[min(len(r.Cheap)-1, int(p*float64(len(r.Cheap))))]
}

// Run warms the server up with three Cheap requests, then for
// cfg.Duration floods it with Heavy from cfg.HeavyClients closed-loop
// clients while one client sends Cheap every cfg.CheapEvery, and returns
// what it measured. A heavy client that gets a 503 pauses for cfg.Backoff
// before its next request; a heavy request that fails without a response
// or with another status is counted in HeavyErrs. Run fails if a Cheap
// request fails or gets another status than 200, or if no Cheap request
// completed. It returns only once all its clients have stopped; their idle
// connections are closed.
func Run(ctx context.Context, cfg Config) (Result, error) {
	heavyClient := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: cfg.HeavyClients, MaxConnsPerHost: cfg.HeavyClients},
		Timeout:   10 * time.Second,
	}
	cheapClient := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: 1, MaxConnsPerHost: 1},
		Timeout:   10 * time.Second,
	}
	defer heavyClient.CloseIdleConnections()
	defer cheapClient.CloseIdleConnections()
	send := func(ctx context.Context, c *http.Client, r Request) (int, error) {
		method := r.Method
		if method == "" {
			method = http.MethodGet
		}
		var body io.Reader
		if r.Body != "" {
			body = strings.NewReader(r.Body)
		}
		req, err := http.NewRequestWithContext(ctx, method, cfg.Base+r.Path, body)
		if err != nil {
			return 0, err
		}
		if r.ContentType != "" {
			req.Header.Set("Content-Type", r.ContentType)
		}
		resp, err := c.Do(req)
		if err != nil {
			return 0, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	// Warm the connections and the server up.
	for range 3 {
		if _, err := send(ctx, cheapClient, cfg.Cheap); err != nil {
			return Result{}, err
		}
	}

	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	var ok, rejected, failed atomic.Int64
	var wg sync.WaitGroup
	// On every return, stop the heavy clients and wait for them.
	defer wg.Wait()
	defer cancel()
	for range cfg.HeavyClients {
		wg.Go(func() {
			for i := 0; i < maxRequests && ctx.Err() == nil; i++ {
				code, err := send(ctx, heavyClient, cfg.Heavy)
				switch {
				case err != nil:
					if ctx.Err() == nil {
						failed.Add(1)
					}
				case code >= 200 && code < 300:
					ok.Add(1)
				case code == http.StatusServiceUnavailable:
					rejected.Add(1)
					time.Sleep(cfg.Backoff)
				default:
					failed.Add(1)
				}
			}
		})
	}
	var cheap []time.Duration
	start := time.Now()
	for i := 0; i < maxRequests && ctx.Err() == nil; i++ {
		t0 := time.Now()
		code, err := send(ctx, cheapClient, cfg.Cheap)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			return Result{}, err
		}
		if code != http.StatusOK {
			return Result{}, errors.New("cheap request failed: " + http.StatusText(code))
		}
		cheap = append(cheap, time.Since(t0))
		time.Sleep(cfg.CheapEvery)
	}
	elapsed := time.Since(start)
	wg.Wait()
	slices.Sort(cheap)
	if len(cheap) == 0 {
		return Result{}, errors.New("no cheap samples")
	}
	return Result{Cheap: cheap, HeavyOK: int(ok.Load()), Heavy503: int(rejected.Load()), HeavyErrs: int(failed.Load()), Elapsed: elapsed}, nil
}

// Summary is the median over runs of each measure, taken separately.
type Summary struct {
	P50, P99, Max  time.Duration // of the Cheap latencies
	Samples        float64       // Cheap requests completed
	OKPerSec       float64       // HeavyOK per second of Elapsed
	RejectedPerSec float64       // Heavy503 per second of Elapsed
	HeavyErrs      int           // the sum of HeavyErrs over all runs
}

// Summarize returns the medians of rs, which must not be empty and whose
// results must each have a Cheap sample. With an even number of runs the
// median is the upper of the two middle values.
func Summarize(rs []Result) Summary {
	s := Summary{
		P50:            time.Duration(Median(rs, func(r Result) float64 { return float64(r.Pct(0.50)) })),
		P99:            time.Duration(Median(rs, func(r Result) float64 { return float64(r.Pct(0.99)) })),
		Max:            time.Duration(Median(rs, func(r Result) float64 { return float64(r.Cheap[len(r.Cheap)-1]) })),
		Samples:        Median(rs, func(r Result) float64 { return float64(len(r.Cheap)) }),
		OKPerSec:       Median(rs, func(r Result) float64 { return float64(r.HeavyOK) / r.Elapsed.Seconds() }),
		RejectedPerSec: Median(rs, func(r Result) float64 { return float64(r.Heavy503) / r.Elapsed.Seconds() }),
	}
	for _, r := range rs {
		s.HeavyErrs += r.HeavyErrs
	}
	return s
}

// Median returns the median of f over xs, which must not be empty: the
// upper of the two middle values when len(xs) is even.
func Median[T any](xs []T, f func(T) float64) float64 {
	v := make([]float64, len(xs))
	for i, x := range xs {
		v[i] = f(x)
	}
	slices.Sort(v)
	return v[len(v)/2]
}

// FormatDuration rounds d for a table: to the millisecond from 10ms, to
// 0.1ms from 1ms, to the microsecond below.
func FormatDuration(d time.Duration) string {
	switch {
	case d >= 10*time.Millisecond:
		return d.Round(time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond).String()
	default:
		return d.Round(time.Microsecond).String()
	}
}
