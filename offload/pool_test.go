package offload

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// ctxKinds are the two paths a call can take: a context that can never be
// done runs tasks on the caller's goroutine, any other on a worker.
var ctxKinds = []struct {
	name string
	ctx  func(t *testing.T) context.Context
}{
	{"background", func(*testing.T) context.Context { return context.Background() }},
	{"cancelable", func(t *testing.T) context.Context { return t.Context() }},
}

// waitFor waits until cond holds, yielding the processor in between. It
// gives up, failing t, only if cond has not held after a long time.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		runtime.Gosched()
	}
}

// gate is a task body that blocks until opened and counts how many tasks
// run at once.
type gate struct {
	ch      chan struct{}
	active  atomic.Int64
	peak    atomic.Int64
	started atomic.Int64
}

func newGate() *gate { return &gate{ch: make(chan struct{})} }

func (g *gate) run() {
	n := g.active.Add(1)
	for {
		m := g.peak.Load()
		if n <= m || g.peak.CompareAndSwap(m, n) {
			break
		}
	}
	g.started.Add(1)
	<-g.ch
	g.active.Add(-1)
}

func (g *gate) open() { close(g.ch) }

// result is what a goroutine calling the pool got.
type result struct {
	v   int
	err error
}

// goDo calls DoOn in a new goroutine and returns a channel for its result.
func goDo(ctx context.Context, p *Pool, fn func() (int, error)) <-chan result {
	ch := make(chan result, 1)
	go func() {
		v, err := DoOn(ctx, p, fn)
		ch <- result{v, err}
	}()
	return ch
}

func TestDoValueRun(t *testing.T) {
	for _, k := range ctxKinds {
		t.Run(k.name, func(t *testing.T) {
			ctx := k.ctx(t)
			p := New()
			v, err := DoOn(ctx, p, func() (int, error) { return 42, nil })
			if v != 42 || err != nil {
				t.Errorf("DoOn = %v, %v; want 42, nil", v, err)
			}
			errFn := errors.New("fn failed")
			v, err = DoOn(ctx, p, func() (int, error) { return 7, errFn })
			if v != 7 || err != errFn {
				t.Errorf("DoOn = %v, %v; want 7, %v (fn's results as they are)", v, err, errFn)
			}
			s, err := ValueOn(ctx, p, func() string { return "x" })
			if s != "x" || err != nil {
				t.Errorf("ValueOn = %q, %v; want \"x\", nil", s, err)
			}
			ran := false
			if err := p.Run(ctx, func() { ran = true }); err != nil || !ran {
				t.Errorf("Run = %v, ran %v; want nil, true", err, ran)
			}
			if got := p.Stats().Completed; got != 4 {
				t.Errorf("Completed = %d, want 4", got)
			}
		})
	}
}

func TestPackageLevel(t *testing.T) {
	ctx := t.Context()
	before := Default().Stats().Completed
	if v, err := Do(ctx, func() (int, error) { return 1, nil }); v != 1 || err != nil {
		t.Errorf("Do = %v, %v", v, err)
	}
	if v, err := Value(ctx, func() int { return 2 }); v != 2 || err != nil {
		t.Errorf("Value = %v, %v", v, err)
	}
	if err := Run(ctx, func() {}); err != nil {
		t.Errorf("Run = %v", err)
	}
	if got := Default().Stats().Completed - before; got != 3 {
		t.Errorf("default pool completed %d tasks, want 3", got)
	}
}

func TestZeroPool(t *testing.T) {
	var p Pool
	if v, err := DoOn(t.Context(), &p, func() (int, error) { return 1, nil }); v != 1 || err != nil {
		t.Fatalf("DoOn on zero Pool = %v, %v", v, err)
	}
	s := p.Stats()
	if s.Workers != DefaultWorkers() || s.Completed != 1 {
		t.Errorf("zero Pool stats = %+v, want Workers %d, Completed 1", s, DefaultWorkers())
	}
	var q Pool
	if st := q.Stats(); st.Workers != DefaultWorkers() || st.Busy != 0 || st.Queued != 0 {
		t.Errorf("unused zero Pool stats = %+v", st)
	}
	if err := q.Shutdown(t.Context()); err != nil {
		t.Errorf("Shutdown of unused zero Pool = %v", err)
	}
}

func TestDefaultWorkers(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, tc := range []struct{ procs, want int }{
		{1, 1}, {2, 1}, {3, 2}, {4, 3}, {8, 6}, {16, 12}, {64, 48},
	} {
		runtime.GOMAXPROCS(tc.procs)
		if got := DefaultWorkers(); got != tc.want {
			t.Errorf("DefaultWorkers() with GOMAXPROCS %d = %d, want %d", tc.procs, got, tc.want)
		}
	}
}

func TestOptionsPanic(t *testing.T) {
	for name, f := range map[string]func(){
		"WithWorkers(0)":   func() { WithWorkers(0) },
		"WithQueue(-1)":    func() { WithQueue(-1) },
		"WithMaxWait(-1)":  func() { WithMaxWait(-1) },
		"SetDefault(nil)":  func() { SetDefault(nil) },
		"WithWorkers(-10)": func() { WithWorkers(-10) },
	} {
		func() {
			defer func() {
				r := recover()
				msg, _ := r.(string)
				if !strings.HasPrefix(msg, "offload: ") || !strings.Contains(msg, "programmer error") {
					t.Errorf("%s panicked with %v, want an offload programmer-error message", name, r)
				}
			}()
			f()
		}()
	}
}

// TestBound floods a pool from both paths and checks with counters that no
// more tasks run at once than it has workers, and no more wait than its
// queue holds.
func TestBound(t *testing.T) {
	const workers, queue, callers = 3, 40, 60
	p := New(WithWorkers(workers), WithQueue(queue))
	g := newGate()
	var wg sync.WaitGroup
	var rejected, ok atomic.Int64
	for i := range callers {
		ctx := ctxKinds[i%2].ctx(t)
		wg.Go(func() {
			err := p.Run(ctx, g.run)
			switch {
			case err == nil:
				ok.Add(1)
			case errors.Is(err, ErrOverloaded):
				rejected.Add(1)
			default:
				t.Errorf("Run = %v", err)
			}
		})
	}
	waitFor(t, "all callers to be admitted or rejected", func() bool {
		s := p.Stats()
		return s.Busy == workers && s.Queued == queue && rejected.Load() == callers-workers-queue
	})
	waitFor(t, "the workers to start", func() bool { return g.started.Load() == workers })
	if s := p.Stats(); s.Busy != workers || s.Queued != queue || s.Rejected != callers-workers-queue || s.Waiting != 0 {
		t.Errorf("full pool stats = %+v", s)
	}
	if n := g.active.Load(); n != workers {
		t.Errorf("%d tasks running, want %d", n, workers)
	}
	g.open()
	wg.Wait()
	if got := g.peak.Load(); got != workers {
		t.Errorf("peak concurrency = %d, want %d", got, workers)
	}
	if ok.Load() != workers+queue {
		t.Errorf("%d calls succeeded, want %d", ok.Load(), workers+queue)
	}
	s := p.Stats()
	if s.Busy != 0 || s.Queued != 0 || s.Completed != workers+queue {
		t.Errorf("drained pool stats = %+v", s)
	}
}

// TestFIFO checks that queued tasks start in the order they were queued,
// whichever path they take.
func TestFIFO(t *testing.T) {
	p := New(WithWorkers(1), WithQueue(100))
	g := newGate()
	first := make(chan error, 1)
	go func() { first <- p.Run(t.Context(), g.run) }()
	waitFor(t, "the first task to start", func() bool { return g.started.Load() == 1 })

	const n = 20
	var mu sync.Mutex
	var order []int
	var wg sync.WaitGroup
	for i := range n {
		ctx := ctxKinds[i%2].ctx(t)
		wg.Go(func() {
			if err := p.Run(ctx, func() {
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
			}); err != nil {
				t.Errorf("Run %d = %v", i, err)
			}
		})
		waitFor(t, fmt.Sprintf("task %d to be queued", i), func() bool { return p.Stats().Queued == i+1 })
	}
	g.open()
	wg.Wait()
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	for i, v := range order {
		if v != i {
			t.Fatalf("tasks ran in order %v, want 0..%d", order, n-1)
		}
	}
	if len(order) != n {
		t.Fatalf("%d tasks ran, want %d", len(order), n)
	}
}

func TestRejectWhenFull(t *testing.T) {
	for _, queue := range []int{0, 2} {
		t.Run(fmt.Sprint("queue", queue), func(t *testing.T) {
			p := New(WithWorkers(1), WithQueue(queue))
			g := newGate()
			var wg sync.WaitGroup
			for range 1 + queue {
				wg.Go(func() {
					if err := p.Run(t.Context(), g.run); err != nil {
						t.Errorf("Run = %v", err)
					}
				})
			}
			waitFor(t, "the pool to fill", func() bool { s := p.Stats(); return s.Busy == 1 && s.Queued == queue })
			for _, k := range ctxKinds {
				ran := false
				_, err := DoOn(k.ctx(t), p, func() (int, error) { ran = true; return 0, nil })
				if !errors.Is(err, ErrOverloaded) || ran {
					t.Errorf("%s: DoOn on a full pool = %v, ran %v; want ErrOverloaded, not run", k.name, err, ran)
				}
			}
			if s := p.Stats(); s.Rejected != 2 || s.Busy != 1 || s.Queued != queue {
				t.Errorf("stats after rejections = %+v, want Rejected 2 and the pool unchanged", s)
			}
			g.open()
			wg.Wait()
		})
	}
}

func TestWaitWhenFull(t *testing.T) {
	p := New(WithWorkers(1), WithQueue(1), WithWaitWhenFull())
	g := newGate()
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if err := p.Run(t.Context(), g.run); err != nil {
				t.Errorf("Run = %v", err)
			}
		})
	}
	waitFor(t, "the pool to fill", func() bool { s := p.Stats(); return s.Busy == 1 && s.Queued == 1 })

	// A caller waiting for room leaves when its context ends.
	ctx, cancel := context.WithCancel(t.Context())
	ran := atomic.Bool{}
	leaving := make(chan error, 1)
	go func() { leaving <- p.Run(ctx, func() { ran.Store(true) }) }()
	waitFor(t, "a caller to wait for room", func() bool { return p.Stats().Waiting == 1 })
	cancel()
	if err := <-leaving; err != context.Canceled {
		t.Errorf("Run canceled while waiting for room = %v, want context.Canceled", err)
	}

	// Callers waiting for room run, in order, once there is some.
	var order []int
	var mu sync.Mutex
	for i := range 3 {
		ctx := ctxKinds[i%2].ctx(t)
		wg.Go(func() {
			err := p.Run(ctx, func() { mu.Lock(); order = append(order, i); mu.Unlock() })
			if err != nil {
				t.Errorf("Run = %v", err)
			}
		})
		waitFor(t, "a caller to wait for room", func() bool { return p.Stats().Waiting == i+1 })
	}
	if s := p.Stats(); s.Queued != 1 || s.Waiting != 3 || s.Rejected != 0 || s.Canceled != 1 {
		t.Errorf("stats = %+v, want Queued 1, Waiting 3, Rejected 0, Canceled 1", s)
	}
	g.open()
	wg.Wait()
	if ran.Load() {
		t.Error("task whose caller left while waiting for room ran")
	}
	if fmt.Sprint(order) != "[0 1 2]" {
		t.Errorf("order = %v, want [0 1 2]", order)
	}
}

func TestCanceledBeforeCall(t *testing.T) {
	for _, err := range []error{context.Canceled, context.DeadlineExceeded} {
		ctx, cancel := context.WithCancelCause(t.Context())
		cancel(nil)
		if err == context.DeadlineExceeded {
			var c2 context.CancelFunc
			ctx, c2 = context.WithDeadline(t.Context(), time.Unix(0, 0))
			defer c2()
		}
		p := New()
		ran := false
		if _, got := DoOn(ctx, p, func() (int, error) { ran = true; return 0, nil }); got != err || ran {
			t.Errorf("DoOn with done context = %v, ran %v; want %v, not run", got, ran, err)
		}
		if s := p.Stats(); s.Canceled != 1 || s.Completed != 0 {
			t.Errorf("stats = %+v, want Canceled 1", s)
		}
	}
}

func TestCanceledWhileQueued(t *testing.T) {
	p := New(WithWorkers(1))
	g := newGate()
	blocker := make(chan error, 1)
	go func() { blocker <- p.Run(t.Context(), g.run) }()
	waitFor(t, "the worker to start", func() bool { return g.started.Load() == 1 })

	ctx, cancel := context.WithCancel(t.Context())
	ran := atomic.Bool{}
	res := goDo(ctx, p, func() (int, error) { ran.Store(true); return 1, nil })
	waitFor(t, "the task to be queued", func() bool { return p.Stats().Queued == 1 })
	cancel()
	if r := <-res; r.err != context.Canceled || r.v != 0 {
		t.Errorf("DoOn canceled while queued = %v, %v; want 0, context.Canceled", r.v, r.err)
	}
	if s := p.Stats(); s.Queued != 0 || s.Canceled != 1 || s.Busy != 1 {
		t.Errorf("stats = %+v, want the task gone from the queue", s)
	}
	g.open()
	if err := <-blocker; err != nil {
		t.Fatal(err)
	}
	// The pool must not start the canceled task after the blocker.
	waitFor(t, "the pool to go idle", func() bool { return p.Stats().Busy == 0 })
	if ran.Load() {
		t.Error("a task canceled while queued was started")
	}
	if s := p.Stats(); s.Completed != 1 {
		t.Errorf("Completed = %d, want 1", s.Completed)
	}
}

func TestDeadlineWhileQueued(t *testing.T) {
	p := New(WithWorkers(1))
	g := newGate()
	blocker := make(chan error, 1)
	go func() { blocker <- p.Run(t.Context(), g.run) }()
	waitFor(t, "the worker to start", func() bool { return g.started.Load() == 1 })
	ctx, cancel := context.WithTimeout(t.Context(), time.Millisecond)
	defer cancel()
	ran := false
	if err := p.Run(ctx, func() { ran = true }); err != context.DeadlineExceeded {
		t.Errorf("Run past its deadline while queued = %v, want context.DeadlineExceeded", err)
	}
	g.open()
	if err := <-blocker; err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the pool to go idle", func() bool { return p.Stats().Busy == 0 })
	if ran {
		t.Error("task ran after its deadline passed in the queue")
	}
}

// TestCanceledWhileRunning checks that a caller gets ctx.Err() at once when
// its context ends while its task runs, that the task finishes in the
// background holding its worker, and that the queue moves on afterwards.
func TestCanceledWhileRunning(t *testing.T) {
	p := New(WithWorkers(1))
	g := newGate()
	ctx, cancel := context.WithCancel(t.Context())
	finished := make(chan struct{})
	res := goDo(ctx, p, func() (int, error) { g.run(); close(finished); return 1, nil })
	waitFor(t, "the task to start", func() bool { return g.started.Load() == 1 })

	next := goDo(t.Context(), p, func() (int, error) { return 2, nil })
	waitFor(t, "the next task to be queued", func() bool { return p.Stats().Queued == 1 })

	cancel()
	// The gate is still shut, so DoOn returns while its task runs.
	if r := <-res; r.err != context.Canceled || r.v != 0 {
		t.Errorf("DoOn canceled while running = %v, %v; want 0, context.Canceled", r.v, r.err)
	}
	if s := p.Stats(); s.Abandoned != 1 || s.Busy != 1 || s.Queued != 1 || s.Completed != 0 {
		t.Errorf("stats after abandon = %+v, want Abandoned 1, Busy 1, Queued 1", s)
	}
	g.open()
	<-finished
	if r := <-next; r.v != 2 || r.err != nil {
		t.Errorf("next DoOn = %v, %v; want 2, nil", r.v, r.err)
	}
	if s := p.Stats(); s.Completed != 2 || s.Canceled != 0 {
		t.Errorf("stats = %+v, want Completed 2, Canceled 0", s)
	}
}

func TestMaxWait(t *testing.T) {
	p := New(WithWorkers(1), WithMaxWait(time.Millisecond))
	g := newGate()
	blocker := make(chan error, 1)
	go func() { blocker <- p.Run(t.Context(), g.run) }()
	waitFor(t, "the worker to start", func() bool { return g.started.Load() == 1 })
	for _, k := range ctxKinds {
		ran := false
		err := p.Run(k.ctx(t), func() { ran = true })
		if !errors.Is(err, ErrOverloaded) || !strings.Contains(err.Error(), "queued for longer than 1ms") || ran {
			t.Errorf("%s: Run queued past max wait = %v, ran %v; want ErrOverloaded, not run", k.name, err, ran)
		}
	}
	if s := p.Stats(); s.Rejected != 2 || s.Queued != 0 {
		t.Errorf("stats = %+v, want Rejected 2, Queued 0", s)
	}
	g.open()
	if err := <-blocker; err != nil {
		t.Fatal(err)
	}

	// A task that started in time is not failed when its wait limit passes
	// while it runs.
	g2 := newGate()
	go func() { blocker <- p.Run(t.Context(), g2.run) }()
	waitFor(t, "the worker to start", func() bool { return g2.started.Load() == 1 })
	second := make(chan error, 1)
	go func() {
		second <- p.Run(t.Context(), func() { time.Sleep(20 * time.Millisecond) })
	}()
	waitFor(t, "the task to be queued", func() bool { return p.Stats().Queued == 1 })
	g2.open()
	if err := <-blocker; err != nil {
		t.Fatal(err)
	}
	// The second task either started within 1ms, and must succeed though
	// it runs for 20ms, or was rejected; never anything else.
	if err := <-second; err != nil && !errors.Is(err, ErrOverloaded) {
		t.Errorf("Run = %v", err)
	}
}

type testError struct{}

func (testError) Error() string { return "test error" }

func TestPanic(t *testing.T) {
	for _, k := range ctxKinds {
		t.Run(k.name, func(t *testing.T) {
			p := New(WithWorkers(1))
			sentinel := testError{}
			_, err := DoOn(k.ctx(t), p, func() (int, error) { panic(fmt.Errorf("wrapped: %w", sentinel)) })
			var perr *PanicError
			if !errors.As(err, &perr) {
				t.Fatalf("DoOn of a panicking task = %v, want a *PanicError", err)
			}
			if !errors.Is(err, sentinel) {
				t.Errorf("panic error %v does not unwrap to the panic value", err)
			}
			if !strings.Contains(string(perr.Stack), "TestPanic") {
				t.Errorf("panic stack does not show the task:\n%s", perr.Stack)
			}
			if !strings.HasPrefix(err.Error(), "offload: task panicked: wrapped: test error\n") {
				t.Errorf("Error() = %q", err.Error())
			}

			_, err = ValueOn(k.ctx(t), p, func() int { panic("boom") })
			if !errors.As(err, &perr) || perr.Value != "boom" || errors.Unwrap(err) != nil {
				t.Errorf("ValueOn of panic(\"boom\") = %v, want a *PanicError with value boom that unwraps to nil", err)
			}

			err = p.Run(k.ctx(t), func() { panic(nil) })
			var nilErr *runtime.PanicNilError
			if !errors.As(err, &nilErr) {
				t.Errorf("Run of panic(nil) = %v, want a *runtime.PanicNilError inside", err)
			}

			// The pool survives.
			if v, err := DoOn(k.ctx(t), p, func() (int, error) { return 3, nil }); v != 3 || err != nil {
				t.Errorf("DoOn after panics = %v, %v", v, err)
			}
			if s := p.Stats(); s.Panics != 3 || s.Completed != 4 || s.Busy != 0 {
				t.Errorf("stats = %+v, want Panics 3, Completed 4, Busy 0", s)
			}
		})
	}
}

// TestPanicWithQueue checks that a worker whose task panicked goes on with
// the queue.
func TestPanicWithQueue(t *testing.T) {
	p := New(WithWorkers(1))
	g := newGate()
	first := goDo(t.Context(), p, func() (int, error) { g.run(); panic("first") })
	waitFor(t, "the worker to start", func() bool { return g.started.Load() == 1 })
	second := goDo(t.Context(), p, func() (int, error) { return 2, nil })
	waitFor(t, "the second task to be queued", func() bool { return p.Stats().Queued == 1 })
	g.open()
	var perr *PanicError
	if r := <-first; !errors.As(r.err, &perr) {
		t.Errorf("first = %v, want a panic", r.err)
	}
	if r := <-second; r.v != 2 || r.err != nil {
		t.Errorf("second = %v, %v; want 2, nil", r.v, r.err)
	}
}

func TestGoexit(t *testing.T) {
	p := New(WithWorkers(1))
	g := newGate()
	first := goDo(t.Context(), p, func() (int, error) { g.run(); runtime.Goexit(); return 1, nil })
	waitFor(t, "the worker to start", func() bool { return g.started.Load() == 1 })
	second := goDo(t.Context(), p, func() (int, error) { return 2, nil })
	waitFor(t, "the second task to be queued", func() bool { return p.Stats().Queued == 1 })
	g.open()
	if r := <-first; r.err != errGoexit {
		t.Errorf("DoOn of a task calling Goexit = %v, want %v", r.err, errGoexit)
	}
	if r := <-second; r.v != 2 || r.err != nil {
		t.Errorf("task queued after Goexit = %v, %v; want 2, nil", r.v, r.err)
	}

	// On the inline path Goexit ends the caller's goroutine, as it would
	// without the pool, and the place is given back.
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = p.Run(context.Background(), runtime.Goexit)
		t.Error("Run returned after runtime.Goexit on the caller's goroutine")
	}()
	<-done
	if s := p.Stats(); s.Busy != 0 || s.Completed != 3 {
		t.Errorf("stats = %+v, want Busy 0, Completed 3", s)
	}
}

func TestShutdownIdle(t *testing.T) {
	p := New()
	if err := p.Shutdown(t.Context()); err != nil {
		t.Fatalf("Shutdown = %v", err)
	}
	for _, k := range ctxKinds {
		ran := false
		if err := p.Run(k.ctx(t), func() { ran = true }); err != ErrClosed || ran {
			t.Errorf("%s: Run after Shutdown = %v, ran %v; want ErrClosed", k.name, err, ran)
		}
	}
	if err := p.Shutdown(t.Context()); err != nil {
		t.Errorf("second Shutdown = %v", err)
	}
	if !p.Stats().Closed {
		t.Error("Stats().Closed = false after Shutdown")
	}
}

// TestShutdownDrains checks that Shutdown waits for running and queued
// tasks, which all run, while new ones are refused.
func TestShutdownDrains(t *testing.T) {
	p := New(WithWorkers(2))
	g := newGate()
	var wg sync.WaitGroup
	var ran atomic.Int64
	for i := range 6 {
		ctx := ctxKinds[i%2].ctx(t)
		wg.Go(func() {
			if err := p.Run(ctx, func() { g.run(); ran.Add(1) }); err != nil {
				t.Errorf("Run = %v", err)
			}
		})
	}
	waitFor(t, "the pool to fill", func() bool { s := p.Stats(); return s.Busy == 2 && s.Queued == 4 })
	shut := make(chan error, 1)
	go func() { shut <- p.Shutdown(t.Context()) }()
	waitFor(t, "Shutdown to close the pool", func() bool { return p.Stats().Closed })
	if err := p.Run(t.Context(), func() {}); err != ErrClosed {
		t.Errorf("Run during Shutdown = %v, want ErrClosed", err)
	}
	select {
	case err := <-shut:
		t.Fatalf("Shutdown returned %v while tasks were running", err)
	default:
	}
	g.open()
	if err := <-shut; err != nil {
		t.Errorf("Shutdown = %v", err)
	}
	// Shutdown returned, so every task has run.
	if ran.Load() != 6 {
		t.Errorf("%d tasks ran before Shutdown returned, want 6", ran.Load())
	}
	wg.Wait()
	goleak.VerifyNone(t)
}

// TestShutdownDeadline checks that when Shutdown's context ends, queued
// tasks are dropped with ErrClosed, running ones finish in the background,
// and no goroutine is left afterwards.
func TestShutdownDeadline(t *testing.T) {
	p := New(WithWorkers(1))
	g := newGate()
	running := goDo(t.Context(), p, func() (int, error) { g.run(); return 1, nil })
	waitFor(t, "the worker to start", func() bool { return g.started.Load() == 1 })
	var queued []<-chan error
	var ran atomic.Int64
	for i := range 4 {
		ch := make(chan error, 1)
		ctx := ctxKinds[i%2].ctx(t)
		go func() { ch <- p.Run(ctx, func() { ran.Add(1) }) }()
		queued = append(queued, ch)
		waitFor(t, "the task to be queued", func() bool { return p.Stats().Queued == i+1 })
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := p.Shutdown(ctx); err != context.Canceled {
		t.Errorf("Shutdown with done context = %v, want context.Canceled", err)
	}
	for _, ch := range queued {
		if err := <-ch; err != ErrClosed {
			t.Errorf("queued task dropped by Shutdown = %v, want ErrClosed", err)
		}
	}
	if s := p.Stats(); s.Busy != 1 || s.Queued != 0 {
		t.Errorf("stats = %+v, want the running task only", s)
	}
	g.open()
	if r := <-running; r.v != 1 || r.err != nil {
		t.Errorf("running task = %v, %v; want 1, nil", r.v, r.err)
	}
	if err := p.Shutdown(t.Context()); err != nil {
		t.Errorf("Shutdown once idle = %v", err)
	}
	if ran.Load() != 0 {
		t.Errorf("%d dropped tasks ran", ran.Load())
	}
	goleak.VerifyNone(t)
}

func TestStats(t *testing.T) {
	p := New(WithWorkers(1), WithQueue(1))
	const spin = 2 * time.Millisecond
	busy := func() {
		for start := time.Now(); time.Since(start) < spin; {
		}
	}
	// Two tasks that run, one after the other, so the second one queues.
	g := newGate()
	first := make(chan error, 1)
	go func() { first <- p.Run(t.Context(), func() { g.run(); busy() }) }()
	waitFor(t, "the worker to start", func() bool { return g.started.Load() == 1 })
	second := make(chan error, 1)
	go func() { second <- p.Run(context.Background(), busy) }()
	waitFor(t, "the second task to be queued", func() bool { return p.Stats().Queued == 1 })
	// One rejected, one canceled before the call, one panic.
	if err := p.Run(t.Context(), busy); !errors.Is(err, ErrOverloaded) {
		t.Errorf("Run = %v, want ErrOverloaded", err)
	}
	g.open()
	for _, ch := range []chan error{first, second} {
		if err := <-ch; err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_ = p.Run(ctx, busy)
	_ = p.Run(t.Context(), func() { panic("x") })

	s := p.Stats()
	want := Stats{Workers: 1, Completed: 3, Rejected: 1, Canceled: 1, Panics: 1}
	got := s
	got.QueueWait, got.RunTime = 0, 0
	if got != want {
		t.Errorf("Stats() = %+v, want %+v", got, want)
	}
	if s.RunTime < 2*spin {
		t.Errorf("RunTime = %v, want at least %v", s.RunTime, 2*spin)
	}
	if s.QueueWait < spin {
		t.Errorf("QueueWait = %v, want at least %v (the second task waited for the first)", s.QueueWait, spin)
	}
}

// TestStress mixes every outcome on both paths and checks the counters
// against what the callers saw.
func TestStress(t *testing.T) {
	const workers = 2
	p := New(WithWorkers(workers), WithQueue(4))
	var active, peak, ran atomic.Int64
	var okN, overloaded, canceled, panicked atomic.Int64
	var wg sync.WaitGroup
	for i := range 400 {
		wg.Go(func() {
			ctx := context.Background()
			if i%3 != 0 {
				c, cancel := context.WithCancel(t.Context())
				defer cancel()
				ctx = c
				if i%5 == 0 {
					go cancel()
				}
			}
			err := p.Run(ctx, func() {
				n := active.Add(1)
				defer active.Add(-1)
				if n > workers {
					t.Errorf("%d tasks running at once, want at most %d", n, workers)
				}
				for {
					m := peak.Load()
					if n <= m || peak.CompareAndSwap(m, n) {
						break
					}
				}
				ran.Add(1)
				for range i % 7 {
					runtime.Gosched()
				}
				if i%11 == 0 {
					panic(i)
				}
			})
			var perr *PanicError
			switch {
			case err == nil:
				okN.Add(1)
			case errors.Is(err, ErrOverloaded):
				overloaded.Add(1)
			case errors.Is(err, context.Canceled):
				canceled.Add(1)
			case errors.As(err, &perr):
				panicked.Add(1)
			default:
				t.Errorf("Run = %v", err)
			}
		})
	}
	wg.Wait()
	waitFor(t, "abandoned tasks to finish", func() bool { return p.Stats().Busy == 0 })
	s := p.Stats()
	if s.Completed != uint64(ran.Load()) {
		t.Errorf("Completed = %d, but %d tasks ran", s.Completed, ran.Load())
	}
	if s.Rejected != uint64(overloaded.Load()) {
		t.Errorf("Rejected = %d, but %d calls got ErrOverloaded", s.Rejected, overloaded.Load())
	}
	if s.Canceled+s.Abandoned != uint64(canceled.Load()) {
		t.Errorf("Canceled+Abandoned = %d+%d, but %d calls got context.Canceled", s.Canceled, s.Abandoned, canceled.Load())
	}
	if got := okN.Load() + panicked.Load() + int64(s.Abandoned); got != ran.Load() {
		t.Errorf("%d tasks ran but callers saw %d results, %d panics and %d abandons", ran.Load(), okN.Load(), panicked.Load(), s.Abandoned)
	}
	if s.Panics > uint64(panicked.Load())+s.Abandoned || s.Panics < uint64(panicked.Load()) {
		t.Errorf("Panics = %d, callers saw %d", s.Panics, panicked.Load())
	}
	if peak.Load() > workers {
		t.Errorf("peak concurrency %d > %d", peak.Load(), workers)
	}
	t.Logf("ok %d, overloaded %d, canceled %d, panicked %d, peak %d; %+v", okN.Load(), overloaded.Load(), canceled.Load(), panicked.Load(), peak.Load(), s)
}

func TestSetDefault(t *testing.T) {
	old := Default()
	defer SetDefault(old)
	p := New(WithWorkers(1))
	SetDefault(p)
	if Default() != p {
		t.Fatal("Default() is not the pool given to SetDefault")
	}
	if _, err := Value(t.Context(), func() int { return 1 }); err != nil {
		t.Fatal(err)
	}
	if p.Stats().Completed != 1 {
		t.Errorf("Value did not run on the pool set by SetDefault")
	}
}

// lateCtx is a context whose Err reports it done before its Done channel is
// closed, to make the race between a worker taking a queued task and the
// task's caller seeing its context end happen every time.
type lateCtx struct {
	context.Context
	done chan struct{}
	err  atomic.Pointer[error]
}

func (c *lateCtx) Done() <-chan struct{} { return c.done }

func (c *lateCtx) Err() error {
	if p := c.err.Load(); p != nil {
		return *p
	}
	return nil
}

// TestCanceledAtHandoff checks that a worker does not start a queued task
// whose context is done, even before its caller has noticed.
func TestCanceledAtHandoff(t *testing.T) {
	p := New(WithWorkers(1))
	g := newGate()
	blocker := make(chan error, 1)
	go func() { blocker <- p.Run(t.Context(), g.run) }()
	waitFor(t, "the worker to start", func() bool { return g.started.Load() == 1 })

	ctx := &lateCtx{Context: t.Context(), done: make(chan struct{})}
	ran := atomic.Bool{}
	res := goDo(ctx, p, func() (int, error) { ran.Store(true); return 1, nil })
	waitFor(t, "the task to be queued", func() bool { return p.Stats().Queued == 1 })
	err := context.Canceled
	ctx.err.Store(&err)
	g.open()
	if r := <-res; r.err != context.Canceled {
		t.Errorf("DoOn = %v, want context.Canceled", r.err)
	}
	if err := <-blocker; err != nil {
		t.Fatal(err)
	}
	if ran.Load() {
		t.Error("a worker started a task whose context was done")
	}
	if s := p.Stats(); s.Canceled != 1 || s.Completed != 1 || s.Busy != 0 {
		t.Errorf("stats = %+v, want Canceled 1, Completed 1, Busy 0", s)
	}
}

// endingCtx is a context that ends as a call begins: its first Err call
// reports nil, later ones context.Canceled, and its Done channel is closed
// from the start.
type endingCtx struct {
	context.Context
	done  chan struct{}
	calls atomic.Int32
}

func (c *endingCtx) Done() <-chan struct{} { return c.done }

func (c *endingCtx) Err() error {
	if c.calls.Add(1) == 1 {
		return nil
	}
	return context.Canceled
}

// TestCanceledBeforeWorkerStarts checks that a task given to a new worker
// goroutine is not started if its caller leaves before the worker runs.
// With one P, the worker cannot run before the caller blocks, which it does
// not: its context is already done.
func TestCanceledBeforeWorkerStarts(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	p := New(WithWorkers(1))
	ctx := &endingCtx{Context: t.Context(), done: make(chan struct{})}
	close(ctx.done)
	ran := atomic.Bool{}
	if err := p.Run(ctx, func() { ran.Store(true) }); err != context.Canceled {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	waitFor(t, "the worker to give its place up", func() bool { return p.Stats().Busy == 0 })
	if ran.Load() {
		t.Error("a worker started a task whose caller had left")
	}
	if s := p.Stats(); s.Canceled != 1 || s.Abandoned != 0 || s.Completed != 0 {
		t.Errorf("stats = %+v, want Canceled 1 only", s)
	}
	// The pool works on.
	if err := p.Run(t.Context(), func() {}); err != nil {
		t.Errorf("Run after = %v", err)
	}
}
