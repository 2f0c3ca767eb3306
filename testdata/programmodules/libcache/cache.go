// Package libcache stands for a cache whose entries keep, in a private
// slice, eviction callbacks of its own (issue 17, part 4: a false hop
// found on real code, where a func() of such a slice was resolved to an
// unrelated application closure of the same type).
package libcache

import "sync"

type node struct {
	value   string
	onEvict []func()
}

// A Cache holds strings.
type Cache struct {
	mu     sync.Mutex
	items  map[string]*node
	size   int
	onMiss func(k string) string
}

// Options configure a cache.
type Options struct {
	// OnMiss loads the value of a key that the cache does not hold.
	OnMiss func(k string) string
}

// New returns an empty cache.
func New(o Options) *Cache { return &Cache{items: make(map[string]*node), onMiss: o.OnMiss} }

// Set stores v under k.
func (c *Cache) Set(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := &node{value: v}
	n.onEvict = append(n.onEvict, func() { c.size -= len(v) })
	c.items[k] = n
	c.size += len(v)
}

// Get returns the value under k, and evicts it; on a miss, what
// OnMiss loads.
func (c *Cache) Get(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.items[k]
	if n == nil {
		if c.onMiss == nil {
			return ""
		}
		return c.onMiss(k)
	}
	delete(c.items, k)
	for _, f := range n.onEvict {
		f()
	}
	return n.value
}
