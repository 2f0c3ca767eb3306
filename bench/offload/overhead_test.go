package offloadbench

import (
	"context"
	"runtime"
	"testing"

	"github.com/alitto/pond/v2"
	"github.com/blockcheck/blockcheck/offload"
	"github.com/panjf2000/ants/v2"
	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

var sink int

// spinIters makes spin take about 10µs on the 2-core benchmark machine;
// the "direct" rows show what it takes where the benchmark runs.
const spinIters = 5000

// spin is CPU-bound work without allocation.
//
//go:noinline
func spin(n int) int {
	x := uint64(n) | 1
	for range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return int(x)
}

func tiny() int { return 1 }

func tenMicros() int { return spin(spinIters) }

// runner runs fn with a bound of limit concurrent calls and returns its
// result, the way a request handler would; close releases the runner.
type runner struct {
	run   func(ctx context.Context, fn func() int) int
	close func()
}

// await returns the result from ch, or panics if ctx ends first. Every
// contender that hands the task to another goroutine waits this way, as a
// request handler must to return at once when its client goes away, which
// offload does.
func await(ctx context.Context, ch <-chan int) int {
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		panic(ctx.Err())
	}
}

// impls are the contenders, each bounded to limit concurrent tasks, except
// "direct" (no bound, no hand-off: the task's own cost) and "goroutine" (a
// hand-off with no bound).
var impls = []struct {
	name string
	make func(limit int) runner
}{
	{"direct", func(int) runner {
		return runner{run: func(_ context.Context, fn func() int) int { return fn() }}
	}},
	{"goroutine", func(int) runner {
		return runner{run: func(ctx context.Context, fn func() int) int {
			ch := make(chan int, 1)
			go func() { ch <- fn() }()
			return await(ctx, ch)
		}}
	}},
	{"semaphore", func(limit int) runner {
		sem := semaphore.NewWeighted(int64(limit))
		return runner{run: func(ctx context.Context, fn func() int) int {
			if err := sem.Acquire(ctx, 1); err != nil {
				panic(err)
			}
			ch := make(chan int, 1)
			go func() { defer sem.Release(1); ch <- fn() }()
			return await(ctx, ch)
		}}
	}},
	// semaphore-inline runs the task on the caller's goroutine, so the
	// caller cannot return early when its context ends: the cheapest bound,
	// but not the same service.
	{"semaphore-inline", func(limit int) runner {
		sem := semaphore.NewWeighted(int64(limit))
		return runner{run: func(ctx context.Context, fn func() int) int {
			if err := sem.Acquire(ctx, 1); err != nil {
				panic(err)
			}
			defer sem.Release(1)
			return fn()
		}}
	}},
	{"errgroup", func(limit int) runner {
		var g errgroup.Group
		g.SetLimit(limit)
		return runner{
			run: func(ctx context.Context, fn func() int) int {
				ch := make(chan int, 1)
				g.Go(func() error { ch <- fn(); return nil })
				return await(ctx, ch)
			},
			close: func() { _ = g.Wait() },
		}
	}},
	{"ants", func(limit int) runner {
		p, err := ants.NewPool(limit)
		if err != nil {
			panic(err)
		}
		return runner{
			run: func(ctx context.Context, fn func() int) int {
				ch := make(chan int, 1)
				if err := p.Submit(func() { ch <- fn() }); err != nil {
					panic(err)
				}
				return await(ctx, ch)
			},
			close: p.Release,
		}
	}},
	{"pond", func(limit int) runner {
		p := pond.NewResultPool[int](limit)
		return runner{
			run: func(ctx context.Context, fn func() int) int {
				t := p.Submit(fn)
				select {
				case <-t.Done():
				case <-ctx.Done():
					panic(ctx.Err())
				}
				v, err := t.Wait()
				if err != nil {
					panic(err)
				}
				return v
			},
			close: p.StopAndWait,
		}
	}},
	// offload with a cancelable context, as in a request handler: the
	// task runs on a worker goroutine.
	{"offload", func(limit int) runner {
		p := offload.New(offload.WithWorkers(limit), offload.WithWaitWhenFull())
		return runner{
			run: func(ctx context.Context, fn func() int) int {
				v, err := offload.ValueOn(ctx, p, fn)
				if err != nil {
					panic(err)
				}
				return v
			},
			close: func() { _ = p.Shutdown(context.Background()) },
		}
	}},
	// offload-bg passes context.Background, which can never be done, so
	// the task runs on the caller's goroutine like semaphore-inline.
	{"offload-bg", func(limit int) runner {
		p := offload.New(offload.WithWorkers(limit), offload.WithWaitWhenFull())
		return runner{
			run: func(_ context.Context, fn func() int) int {
				v, err := offload.ValueOn(context.Background(), p, fn)
				if err != nil {
					panic(err)
				}
				return v
			},
			close: func() { _ = p.Shutdown(context.Background()) },
		}
	}},
}

var tasks = []struct {
	name string
	fn   func() int
}{
	{"tiny", tiny},
	{"10us", tenMicros},
}

// BenchmarkSerial measures one caller at a time: the latency a hand-off
// adds to one task.
func BenchmarkSerial(b *testing.B) {
	limit := runtime.GOMAXPROCS(0)
	for _, task := range tasks {
		for _, impl := range impls {
			b.Run("task="+task.name+"/impl="+impl.name, func(b *testing.B) {
				r := impl.make(limit)
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				b.ReportAllocs()
				for b.Loop() {
					sink += r.run(ctx, task.fn)
				}
				b.StopTimer()
				if r.close != nil {
					r.close()
				}
			})
		}
	}
}

// BenchmarkParallel measures 4×GOMAXPROCS callers, like handlers of
// concurrent requests, sharing a bound of GOMAXPROCS: the throughput cost
// per task when callers queue.
func BenchmarkParallel(b *testing.B) {
	limit := runtime.GOMAXPROCS(0)
	for _, task := range tasks {
		for _, impl := range impls {
			b.Run("task="+task.name+"/impl="+impl.name, func(b *testing.B) {
				r := impl.make(limit)
				b.ReportAllocs()
				b.SetParallelism(4)
				b.RunParallel(func(pb *testing.PB) {
					ctx, cancel := context.WithCancel(context.Background())
					defer cancel()
					s := 0
					for pb.Next() {
						s += r.run(ctx, task.fn)
					}
					sink += s
				})
				b.StopTimer()
				if r.close != nil {
					r.close()
				}
			})
		}
	}
}
