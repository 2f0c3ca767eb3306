package offload

import (
	"context"
	"runtime"
	"testing"
)

// These benchmarks compare a Pool with the two standard-library ways of
// doing the same job: a goroutine and a channel per task, and a channel
// used as a semaphore around them. Both wait for the result or the
// caller's context, as a Pool does. bench/offload compares third-party
// pools.

var benchSink int

func tinyTask() int { return 1 }

// spinTask is CPU-bound work of about 10µs on the 2-core benchmark machine.
//
//go:noinline
func spinTask() int {
	x := uint64(5001)
	for range 5000 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return int(x)
}

var benchTasks = []struct {
	name string
	fn   func() int
}{
	{"tiny", tinyTask},
	{"10us", spinTask},
}

func awaitInt(ctx context.Context, ch <-chan int) int {
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		panic(ctx.Err())
	}
}

var benchImpls = []struct {
	name string
	make func(limit int) (run func(context.Context, func() int) int, stop func())
}{
	{"goroutine", func(int) (func(context.Context, func() int) int, func()) {
		return func(ctx context.Context, fn func() int) int {
			ch := make(chan int, 1)
			go func() { ch <- fn() }()
			return awaitInt(ctx, ch)
		}, func() {}
	}},
	{"chansem", func(limit int) (func(context.Context, func() int) int, func()) {
		sem := make(chan struct{}, limit)
		return func(ctx context.Context, fn func() int) int {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				panic(ctx.Err())
			}
			ch := make(chan int, 1)
			go func() { defer func() { <-sem }(); ch <- fn() }()
			return awaitInt(ctx, ch)
		}, func() {}
	}},
	{"pool", func(limit int) (func(context.Context, func() int) int, func()) {
		p := New(WithWorkers(limit), WithWaitWhenFull())
		return func(ctx context.Context, fn func() int) int {
				v, err := ValueOn(ctx, p, fn)
				if err != nil {
					panic(err)
				}
				return v
			}, func() {
				if err := p.Shutdown(context.Background()); err != nil {
					panic(err)
				}
			}
	}},
	// pool-bg passes a context that is never done, so tasks run on the
	// caller's goroutine.
	{"pool-bg", func(limit int) (func(context.Context, func() int) int, func()) {
		p := New(WithWorkers(limit), WithWaitWhenFull())
		return func(_ context.Context, fn func() int) int {
				v, err := ValueOn(context.Background(), p, fn)
				if err != nil {
					panic(err)
				}
				return v
			}, func() {
				if err := p.Shutdown(context.Background()); err != nil {
					panic(err)
				}
			}
	}},
}

// BenchmarkSerial measures the cost of a task, one caller at a time.
func BenchmarkSerial(b *testing.B) {
	for _, task := range benchTasks {
		for _, impl := range benchImpls {
			b.Run("task="+task.name+"/impl="+impl.name, func(b *testing.B) {
				run, stop := impl.make(runtime.GOMAXPROCS(0))
				defer stop()
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				b.ReportAllocs()
				for b.Loop() {
					benchSink += run(ctx, task.fn)
				}
			})
		}
	}
}

// BenchmarkParallel measures the cost of a task with 4×GOMAXPROCS callers
// sharing a bound of GOMAXPROCS.
func BenchmarkParallel(b *testing.B) {
	for _, task := range benchTasks {
		for _, impl := range benchImpls {
			b.Run("task="+task.name+"/impl="+impl.name, func(b *testing.B) {
				run, stop := impl.make(runtime.GOMAXPROCS(0))
				defer stop()
				b.ReportAllocs()
				b.SetParallelism(4)
				b.RunParallel(func(pb *testing.PB) {
					ctx, cancel := context.WithCancel(context.Background())
					defer cancel()
					s := 0
					for pb.Next() {
						s += run(ctx, task.fn)
					}
					benchSink += s
				})
			})
		}
	}
}

// BenchmarkStats measures a Stats snapshot.
func BenchmarkStats(b *testing.B) {
	p := New()
	b.ReportAllocs()
	for b.Loop() {
		benchSink += p.Stats().Busy
	}
}
