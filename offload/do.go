package offload

import (
	"context"
	"sync/atomic"
)

// defaultPool is the pool behind Do, Value and Run.
var defaultPool atomic.Pointer[Pool]

func init() {
	defaultPool.Store(new(Pool))
}

// Default returns the pool used by [Do], [Value] and [Run]. Until
// [SetDefault] replaces it, it is a zero [Pool]: [DefaultWorkers] workers,
// a queue of 16 tasks per worker, and [ErrOverloaded] for tasks that find
// the queue full.
func Default() *Pool {
	return defaultPool.Load()
}

// SetDefault makes p the pool used by [Do], [Value] and [Run] from now on,
// typically once in main before serving:
//
//	offload.SetDefault(offload.New(offload.WithWorkers(4), offload.WithQueue(64)))
//
// Calls already admitted by the previous default pool finish there; the
// previous pool is not shut down. SetDefault panics if p is nil.
func SetDefault(p *Pool) {
	if p == nil {
		panic("offload: SetDefault(nil): programmer error: pool must not be nil")
	}
	defaultPool.Store(p)
}

// Do runs fn on the default pool and returns its results. See [DoOn].
func Do[T any](ctx context.Context, fn func() (T, error)) (T, error) {
	return DoOn(ctx, Default(), fn)
}

// Value runs fn on the default pool and returns its result. See [ValueOn].
func Value[T any](ctx context.Context, fn func() T) (T, error) {
	return ValueOn(ctx, Default(), fn)
}

// Run runs fn on the default pool. See [Pool.Run].
func Run(ctx context.Context, fn func()) error {
	return Default().Run(ctx, fn)
}

// call is a queued or running DoOn.
type call[T any] struct {
	task
	fn  func() (T, error)
	res T
	err error
}

func (c *call[T]) run() { c.res, c.err = c.fn() }

// DoOn runs fn on p and returns its results, once fn has run. Otherwise it
// returns the zero T and:
//   - [ErrOverloaded] (or an error wrapping it) if p's queue is full, or fn
//     waited longer than p's [WithMaxWait];
//   - [ErrClosed] if p has been shut down;
//   - ctx.Err() if ctx is done before fn starts, in which case fn never
//     runs, or while it runs, in which case DoOn returns at once and fn's
//     results are discarded when it ends;
//   - a [*PanicError] if fn panicked.
//
// Errors from fn itself are returned as they are. p must not be nil.
func DoOn[T any](ctx context.Context, p *Pool, fn func() (T, error)) (T, error) {
	if ctx.Done() == nil {
		ok, err := p.tryInline()
		if ok {
			var res T
			var fnErr error
			if err := p.runInline(func() { res, fnErr = fn() }); err != nil {
				var zero T
				return zero, err
			}
			return res, fnErr
		}
		if err != nil {
			var zero T
			return zero, err
		}
	}
	c := &call[T]{fn: fn}
	c.r = c
	c.ctx = ctx
	if err := p.submit(&c.task); err != nil {
		var zero T
		return zero, err
	}
	return c.res, c.err
}

// valueCall is a queued or running ValueOn.
type valueCall[T any] struct {
	task
	fn  func() T
	res T
}

func (c *valueCall[T]) run() { c.res = c.fn() }

// ValueOn runs fn on p and returns its result, for functions that cannot
// fail. It fails as [DoOn] does.
func ValueOn[T any](ctx context.Context, p *Pool, fn func() T) (T, error) {
	if ctx.Done() == nil {
		ok, err := p.tryInline()
		if ok {
			var res T
			if err := p.runInline(func() { res = fn() }); err != nil {
				var zero T
				return zero, err
			}
			return res, nil
		}
		if err != nil {
			var zero T
			return zero, err
		}
	}
	c := &valueCall[T]{fn: fn}
	c.r = c
	c.ctx = ctx
	if err := p.submit(&c.task); err != nil {
		var zero T
		return zero, err
	}
	return c.res, nil
}

// runCall is a queued or running Pool.Run.
type runCall struct {
	task
	fn func()
}

func (c *runCall) run() { c.fn() }

// Run runs fn on p and returns nil once fn has run. It fails as [DoOn]
// does.
func (p *Pool) Run(ctx context.Context, fn func()) error {
	if ctx.Done() == nil {
		ok, err := p.tryInline()
		if ok {
			return p.runInline(fn)
		}
		if err != nil {
			return err
		}
	}
	c := &runCall{fn: fn}
	c.r = c
	c.ctx = ctx
	return p.submit(&c.task)
}
