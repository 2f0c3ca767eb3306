package offload

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Pool runs tasks on at most a fixed number of goroutines at once, keeps a
// bounded FIFO queue of callers waiting for one, and sheds what does not
// fit. A Pool is safe for concurrent use. The zero Pool is valid and uses
// the defaults described at [New].
//
// A Pool keeps no goroutine while it is idle: a worker goroutine is started
// when a task is admitted and no worker is running, runs queued tasks while
// there are any, and exits when the queue is empty, right after signaling
// its last caller. An unused Pool therefore needs no Shutdown, and leak
// checkers such as goleak, which retry briefly, find no goroutine of it
// once every call has returned and every abandoned task has ended.
//
// # Guarantees
//
//   - At most [Stats.Workers] tasks run at once, and at most the queue bound
//     wait in the queue (more wait for room in it only with
//     [WithWaitWhenFull]).
//   - Tasks start in the order they were queued (FIFO). A task that is
//     admitted when a worker is free and the queue is empty starts at once.
//   - A task whose context is done before it starts is never started; its
//     caller gets ctx.Err().
//   - A caller whose context ends while its task runs gets ctx.Err() back at
//     once. The task runs to its end on its worker, which holds its place in
//     the bound meanwhile, and its result is discarded.
//   - A panic in a task is recovered and returned as a [*PanicError]; the
//     pool goes on.
//   - A failed call (ErrOverloaded, ErrClosed, a context error before the
//     task starts) leaves the pool as it was, except for the counters in
//     [Stats].
//
// # When the context can never be done
//
// When ctx.Done() returns nil, as for [context.Background], no caller can
// leave early, so the task runs on the caller's own goroutine once it has a
// place among the workers: the bound and the queue apply as usual, and the
// hand-off to another goroutine is saved. Request contexts can always be
// canceled, so handlers always take the worker path.
//
// # Cost
//
// Measured by BenchmarkSerial and BenchmarkParallel in bench/offload, on
// 2 cores with Go 1.26 (bench/offload/RESULTS.md): handing a tiny task to
// a worker and waiting for it costs about 860ns and 2 allocations (136 B)
// for one caller at a time, and 650ns and 1 allocation with 8 callers
// sharing 2 workers. That is 150ns more than a bare goroutine and channel,
// which has no bound, 100ns more than golang.org/x/sync/semaphore around
// one, level with errgroup, and less than ants (1.4µs with 8 callers) and
// pond (3.8µs); no contender allocates less. For a 10µs task all of them
// but pond cost the same within the machine's noise. A task whose context
// can never be done runs inline in about 100ns without allocating.
// [Pool.Stats] costs about 25ns (BenchmarkStats in this package).
type Pool struct {
	// Configuration, set by New; zero values select the defaults.
	cfg config

	mu      sync.Mutex
	ready   bool // cfg has been resolved
	running int  // workers (goroutines or inline callers) holding a place
	head    *task
	tail    *task
	qlen    int // tasks in the list from head to tail
	closed  bool
	idle    chan struct{} // made by Shutdown, closed when running == 0
	stats   counters
}

// config is the resolved configuration of a Pool.
type config struct {
	workers  int
	queue    int
	queueSet bool
	wait     bool
	maxWait  time.Duration
}

// counters are the cumulative counts reported by Stats, guarded by Pool.mu.
type counters struct {
	completed uint64
	rejected  uint64
	canceled  uint64
	abandoned uint64
	panics    uint64
	queueWait time.Duration
	runTime   time.Duration
}

// An Option configures a Pool made by [New].
type Option func(*config)

// WithWorkers sets the most tasks that run at once to n. It panics if n is
// less than one.
func WithWorkers(n int) Option {
	if n < 1 {
		panic(fmt.Sprintf("offload: WithWorkers(%d): programmer error: workers must be at least 1", n))
	}
	return func(c *config) { c.workers = n }
}

// WithQueue sets the most tasks that wait for a worker to n. With n == 0 a
// task runs only if a worker is free at once, unless [WithWaitWhenFull]
// lets it wait for one. It panics if n is negative.
func WithQueue(n int) Option {
	if n < 0 {
		panic(fmt.Sprintf("offload: WithQueue(%d): programmer error: queue bound must not be negative", n))
	}
	return func(c *config) { c.queue, c.queueSet = n, true }
}

// WithWaitWhenFull makes a call that finds the queue full wait, in FIFO
// order, for room in it until its context is done, instead of failing at
// once with [ErrOverloaded]. Use it for batch work that should slow its
// producer down; request handlers usually want the default, which sheds
// load while the client can still be told to retry.
func WithWaitWhenFull() Option {
	return func(c *config) { c.wait = true }
}

// WithMaxWait makes a task that has waited d for a worker without starting
// fail with an error that wraps [ErrOverloaded], instead of starting late.
// It bounds the queueing delay that the pool adds to a request, whatever the
// request's own deadline, so that a burst is shed rather than served after
// its client has given up. A task that has started is never stopped: Go
// cannot preempt a function, and the caller's context already lets it
// return early. It panics if d is negative; zero, the default, means no
// limit.
func WithMaxWait(d time.Duration) Option {
	if d < 0 {
		panic(fmt.Sprintf("offload: WithMaxWait(%v): programmer error: duration must not be negative", d))
	}
	return func(c *config) { c.maxWait = d }
}

// New returns a Pool configured by opts. Without options it runs
// [DefaultWorkers] tasks at once, queues up to 16 tasks per worker, and
// rejects tasks that find the queue full with [ErrOverloaded].
func New(opts ...Option) *Pool {
	p := new(Pool)
	for _, o := range opts {
		o(&p.cfg)
	}
	return p
}

// DefaultWorkers returns the number of workers of a Pool made without
// [WithWorkers]: three quarters of GOMAXPROCS, rounded down, leaving at
// least one P free for cheap requests, and at least one worker. With
// GOMAXPROCS of 2 it is 1, with 4 it is 3, with 8 it is 6.
//
// A worker per P lets a burst of heavy tasks occupy every P, which is the
// latency problem offload exists to solve: on 2 cores, the latency
// benchmark in bench/offload/latency measured a cheap endpoint's p99 at
// 277ms with 2 workers and 3ms with this default's 1 (239ms with the
// heavy work inline). Only the 2-core point is measured; on larger
// machines a quarter of the Ps stays free because cheap traffic grows with
// the machine too, while a pool of heavy work rarely needs every P. Set
// [WithWorkers] when you know better. GOMAXPROCS is read when the pool is
// first used.
func DefaultWorkers() int {
	n := runtime.GOMAXPROCS(0)
	w := n - max(1, n/4)
	return max(1, w)
}

// resolveLocked fills in the defaults on first use, so that the zero Pool
// works. p.mu must be held.
func (p *Pool) resolveLocked() {
	if p.ready {
		return
	}
	p.ready = true
	if p.cfg.workers == 0 {
		p.cfg.workers = DefaultWorkers()
	}
	if !p.cfg.queueSet {
		p.cfg.queue = 16 * p.cfg.workers
	}
}

// runner is implemented by the typed calls that embed a task.
type runner interface{ run() }

// task is a call waiting for, or holding, a place among the workers.
type task struct {
	next, prev *task
	r          runner // calls the caller's function and stores its result
	ctx        context.Context
	// done receives one value when the task has finished, was dropped,
	// or, if inline, was granted a place. It comes from donePool.
	done     chan struct{}
	enqueued int64 // nanotime when queued
	inQueue  bool
	// inline marks a task that its caller runs on its own goroutine once
	// granted a place; done is then signaled when the place is granted.
	inline bool
	// state tells, for a task given to a worker, whether the worker
	// started it or its caller left first.
	state atomic.Int32
	// err is set before done is signaled: nil for a task that ran (or, for
	// an inline task, was granted a place), or why it did not or failed.
	err error
}

// Task states for a worker's task.
const (
	taskPending int32 = iota // not started yet
	taskRunning              // started by a worker
	taskLeft                 // its caller left before it started
)

// submit runs t under the pool's rules and returns when the caller may read
// t's result, or with why it may not.
func (p *Pool) submit(t *task) error {
	ctx := t.ctx
	if err := ctx.Err(); err != nil {
		// Never start a task whose context is done.
		p.mu.Lock()
		p.stats.canceled++
		p.mu.Unlock()
		return err
	}
	t.inline = ctx.Done() == nil
	if !t.inline {
		t.done = getDone() // before locking, to keep the lock short
	}
	p.mu.Lock()
	p.resolveLocked()
	if p.closed {
		p.mu.Unlock()
		if t.done != nil {
			putDone(t.done)
		}
		return ErrClosed
	}
	if p.running < p.cfg.workers && p.head == nil {
		p.running++
		if t.inline {
			p.mu.Unlock()
			return p.runInline(t.r.run)
		}
		p.mu.Unlock()
		go p.work(t)
		return p.wait(t, nil)
	}
	if !p.cfg.wait && p.qlen >= p.cfg.queue {
		p.stats.rejected++
		p.mu.Unlock()
		if t.done != nil {
			putDone(t.done)
		}
		return ErrOverloaded
	}
	if t.inline {
		t.done = getDone()
	}
	t.enqueued = nanotime()
	p.pushLocked(t)
	p.mu.Unlock()

	var expired <-chan time.Time
	if p.cfg.maxWait > 0 {
		timer := time.NewTimer(p.cfg.maxWait)
		defer timer.Stop()
		expired = timer.C
	}
	if err := p.wait(t, expired); err != nil || !t.inline {
		return err
	}
	return p.runInline(t.r.run)
}

// tryInline takes a place among the workers for a caller whose context can
// never be done, if one is free and nobody is queued. It reports false if
// the caller must queue; err is set if the pool is closed.
func (p *Pool) tryInline() (ok bool, err error) {
	p.mu.Lock()
	p.resolveLocked()
	switch {
	case p.closed:
		err = ErrClosed
	case p.running < p.cfg.workers && p.head == nil:
		p.running++
		ok = true
	}
	p.mu.Unlock()
	return ok, err
}

// wait waits until t is done (finished, dropped, or, for an inline task,
// granted a place), t's context is done, or expired fires. It recycles
// t.done unless the task is left running.
func (p *Pool) wait(t *task, expired <-chan time.Time) error {
	if expired == nil {
		// The common case, without the timer's select case.
		select {
		case <-t.done:
			putDone(t.done)
			return t.err
		case <-t.ctx.Done():
			return p.leave(t)
		}
	}
	select {
	case <-t.done:
		putDone(t.done)
		return t.err
	case <-t.ctx.Done():
		return p.leave(t)
	case <-expired:
		if p.dequeue(t, true) {
			putDone(t.done)
			return fmt.Errorf("%w: queued for longer than %v", ErrOverloaded, p.cfg.maxWait)
		}
		// It started in time: wait on without a limit.
		return p.wait(t, nil)
	}
}

// leave handles a caller whose context ended while it waited: it takes its
// task out of the queue if it is still there, and abandons it otherwise.
func (p *Pool) leave(t *task) error {
	if p.dequeue(t, false) {
		putDone(t.done)
		return t.ctx.Err()
	}
	select {
	case <-t.done:
		// It finished, or was dropped, as the context ended.
		putDone(t.done)
		return t.err
	default:
	}
	if t.state.CompareAndSwap(taskPending, taskLeft) {
		// A worker has it but has not started it, and now never will.
		// The worker recycles t.done.
		p.mu.Lock()
		p.stats.canceled++
		p.mu.Unlock()
		return t.ctx.Err()
	}
	// The task runs and will signal t.done, which is therefore not
	// recycled.
	p.mu.Lock()
	p.stats.abandoned++
	p.mu.Unlock()
	return t.ctx.Err()
}

// dequeue takes t out of the queue and counts it as rejected or canceled.
// It reports false if t was no longer queued.
func (p *Pool) dequeue(t *task, rejected bool) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !t.inQueue {
		return false
	}
	p.removeLocked(t)
	if rejected {
		p.stats.rejected++
	} else {
		p.stats.canceled++
	}
	return true
}

// work runs t and then queued tasks, until the queue is empty.
func (p *Pool) work(t *task) {
	start := nanotime()
	for t != nil {
		t, start = p.execute(t, start)
	}
}

// execute runs t, which started at start, on a worker goroutine, signals
// its caller, and returns the next task this worker should run, if any,
// and when that one starts.
func (p *Pool) execute(t *task, start int64) (next *task, now int64) {
	if !t.state.CompareAndSwap(taskPending, taskRunning) {
		// Its caller left before it started: never start it. The caller
		// counted it and will not read t.done, so recycle it here.
		putDone(t.done)
		now = nanotime()
		p.mu.Lock()
		next = p.handoffLocked(now)
		p.mu.Unlock()
		return next, now
	}
	returned := false
	defer func() {
		if returned {
			return
		}
		if r := recover(); r != nil {
			t.err = newPanicError(r)
			next, now = p.finish(start, true)
			t.done <- struct{}{}
			return
		}
		// runtime.Goexit: this goroutine is going away, so hand the
		// next task to a new one.
		t.err = errGoexit
		if n, _ := p.finish(start, false); n != nil {
			go p.work(n)
		}
		t.done <- struct{}{}
	}()
	t.r.run()
	returned = true
	next, now = p.finish(start, false)
	t.done <- struct{}{}
	return next, now
}

// runInline runs f on the caller's goroutine, which holds a place among the
// workers, and gives the place up afterwards.
func (p *Pool) runInline(f func()) (err error) {
	start := nanotime()
	returned := false
	defer func() {
		if returned {
			return
		}
		r := recover()
		if r != nil {
			err = newPanicError(r)
		}
		// If r is nil, f called runtime.Goexit, which goes on to end the
		// caller's goroutine, as it would have without the pool.
		if n, _ := p.finish(start, r != nil); n != nil {
			go p.work(n)
		}
	}()
	f()
	returned = true
	if n, _ := p.finish(start, false); n != nil {
		go p.work(n)
	}
	return nil
}

// finish records a task that ran from start until now and passes its place
// on: it returns the next queued task for the calling worker to run, or nil
// if the place went to an inline caller or was given up, and now, when the
// next task starts. One clock reading serves both tasks.
func (p *Pool) finish(start int64, panicked bool) (*task, int64) {
	now := nanotime()
	p.mu.Lock()
	p.stats.completed++
	p.stats.runTime += time.Duration(now - start)
	if panicked {
		p.stats.panics++
	}
	next := p.handoffLocked(now)
	p.mu.Unlock()
	return next, now
}

// handoffLocked passes a place among the workers to the first queued task
// that can start, or gives it up. It returns that task if the current
// worker must run it. now is the current nanotime.
func (p *Pool) handoffLocked(now int64) *task {
	for p.head != nil {
		t := p.head
		p.removeLocked(t)
		if err := t.ctx.Err(); err != nil {
			t.err = err
			p.stats.canceled++
			t.done <- struct{}{}
			continue
		}
		p.stats.queueWait += time.Duration(now - t.enqueued)
		if t.inline {
			t.done <- struct{}{} // granted: the caller runs it
			return nil
		}
		return t
	}
	p.running--
	if p.running == 0 && p.idle != nil {
		close(p.idle)
		p.idle = nil
	}
	return nil
}

func (p *Pool) pushLocked(t *task) {
	t.inQueue = true
	t.prev = p.tail
	if p.tail == nil {
		p.head = t
	} else {
		p.tail.next = t
	}
	p.tail = t
	p.qlen++
}

func (p *Pool) removeLocked(t *task) {
	if t.prev == nil {
		p.head = t.next
	} else {
		t.prev.next = t.next
	}
	if t.next == nil {
		p.tail = t.prev
	} else {
		t.next.prev = t.prev
	}
	t.next, t.prev = nil, nil
	t.inQueue = false
	p.qlen--
}

// Shutdown stops the pool from accepting tasks and waits for the tasks it
// has admitted. Calls made after Shutdown begins fail with [ErrClosed].
// Queued tasks still run, in order, while Shutdown waits.
//
// If ctx is done first, tasks still queued are dropped, never started, and
// their callers get [ErrClosed]; Shutdown then returns ctx.Err() at once.
// Tasks already running cannot be stopped: they run to their end, and the
// pool's last goroutine exits when they have. Shutdown returns nil once no
// task runs or waits, after which the pool holds no goroutine.
//
// Shutdown may be called more than once and concurrently; each call waits
// as described. A Pool cannot be restarted.
func (p *Pool) Shutdown(ctx context.Context) error {
	p.mu.Lock()
	p.resolveLocked()
	p.closed = true
	if p.running == 0 {
		p.mu.Unlock()
		return nil
	}
	if p.idle == nil {
		p.idle = make(chan struct{})
	}
	idle := p.idle
	p.mu.Unlock()

	select {
	case <-idle:
		return nil
	case <-ctx.Done():
	}
	p.mu.Lock()
	for p.head != nil {
		t := p.head
		p.removeLocked(t)
		t.err = ErrClosed
		t.done <- struct{}{}
	}
	p.mu.Unlock()
	return ctx.Err()
}

// Stats is a snapshot of a pool's state and cumulative counters.
type Stats struct {
	// Workers is the most tasks that run at once.
	Workers int
	// Busy is the number of tasks running now, including abandoned ones.
	Busy int
	// Queued is the number of tasks waiting in the queue, at most the
	// queue bound.
	Queued int
	// Waiting is the number of callers waiting for room in a full queue;
	// only pools made with WithWaitWhenFull have any.
	Waiting int
	// Completed counts tasks that have run to their end, including those
	// that panicked.
	Completed uint64
	// Rejected counts calls that failed with ErrOverloaded.
	Rejected uint64
	// Canceled counts tasks never started because their context was done.
	Canceled uint64
	// Abandoned counts callers that stopped waiting for a running task
	// because their context ended.
	Abandoned uint64
	// Panics counts tasks that panicked.
	Panics uint64
	// QueueWait is the total time tasks waited in the queue before
	// starting. Tasks that started at once add nothing.
	QueueWait time.Duration
	// RunTime is the total time completed tasks ran.
	RunTime time.Duration
	// Closed reports whether Shutdown has been called.
	Closed bool
}

// Stats returns a consistent snapshot of the pool's state and counters. It
// takes the pool's lock briefly and allocates nothing. Every call that has
// returned is reflected in it.
func (p *Pool) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.resolveLocked()
	queued := min(p.qlen, p.cfg.queue)
	return Stats{
		Workers:   p.cfg.workers,
		Busy:      p.running,
		Queued:    queued,
		Waiting:   p.qlen - queued,
		Completed: p.stats.completed,
		Rejected:  p.stats.rejected,
		Canceled:  p.stats.canceled,
		Abandoned: p.stats.abandoned,
		Panics:    p.stats.panics,
		QueueWait: p.stats.queueWait,
		RunTime:   p.stats.runTime,
		Closed:    p.closed,
	}
}

// epoch anchors nanotime.
var epoch = time.Now()

// nanotime returns monotonic nanoseconds since epoch. It reads only the
// monotonic clock, which costs half of time.Now.
func nanotime() int64 { return int64(time.Since(epoch)) + 1 }

// donePool recycles the channels that signal a task's caller. A channel
// is recycled only once it is empty: by the caller after receiving from
// it, or after taking its task out of the queue before any signal.
var donePool = sync.Pool{New: func() any { return make(chan struct{}, 1) }}

func getDone() chan struct{} { return donePool.Get().(chan struct{}) }

func putDone(c chan struct{}) { donePool.Put(c) }
