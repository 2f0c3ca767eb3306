// Package puddle stands for github.com/jackc/puddle/v2, the resource
// pool under pgx's pgxpool: Acquire makes a new resource with the
// constructor the pool was configured with when no idle one is left.
package puddle

import (
	"context"
	"sync"
)

// A Constructor makes a new resource.
type Constructor[T any] func(ctx context.Context) (T, error)

// Config configures a pool.
type Config[T any] struct{ Constructor Constructor[T] }

// A Pool holds resources.
type Pool[T any] struct {
	mu          sync.Mutex
	idle        []T
	constructor Constructor[T]
}

// NewPool returns an empty pool.
func NewPool[T any](c *Config[T]) (*Pool[T], error) {
	return &Pool[T]{constructor: c.Constructor}, nil
}

// Acquire returns an idle resource, or a new one.
func (p *Pool[T]) Acquire(ctx context.Context) (T, error) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		v := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return v, nil
	}
	p.mu.Unlock()
	return p.constructor(ctx)
}

// Release returns a resource to the pool.
func (p *Pool[T]) Release(v T) {
	p.mu.Lock()
	p.idle = append(p.idle, v)
	p.mu.Unlock()
}
