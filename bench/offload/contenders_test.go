package offloadbench

import (
	"runtime"
	"sync"
	"testing"
)

// TestContenders checks that every contender returns its task's result,
// alone and under concurrency, so that the benchmarks measure working code.
func TestContenders(t *testing.T) {
	for _, impl := range impls {
		t.Run(impl.name, func(t *testing.T) {
			r := impl.make(runtime.GOMAXPROCS(0))
			if r.close != nil {
				defer r.close()
			}
			ctx := t.Context()
			if got, want := r.run(ctx, tenMicros), spin(spinIters); got != want {
				t.Errorf("run(tenMicros) = %d, want %d", got, want)
			}
			var wg sync.WaitGroup
			for range 16 {
				wg.Go(func() {
					for range 50 {
						if got := r.run(ctx, tiny); got != 1 {
							t.Errorf("run(tiny) = %d, want 1", got)
							return
						}
					}
				})
			}
			wg.Wait()
		})
	}
}
