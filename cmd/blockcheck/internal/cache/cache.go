// Package cache keeps the results of blockcheck's standalone runs in a
// directory, by key, as the go command's build cache does
// (cmd/go/internal/cache): one file per entry, named by the key's hex,
// written atomically, its modification time marking its last use so
// that entries unused for days, or the oldest beyond a size bound, can
// be pruned.
package cache

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// A Key identifies an entry: a SHA-256 of everything its data depends
// on.
type Key [32]byte

// Dir returns the directory of blockcheck's cache: $BLOCKCHECK_CACHE if
// set, else blockcheck under the user's cache directory.
func Dir() (string, error) {
	if dir := os.Getenv("BLOCKCHECK_CACHE"); dir != "" {
		return dir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "blockcheck"), nil
}

// A Cache is a directory of entries. Its methods may be called
// concurrently.
type Cache struct {
	dir          string
	hits, misses atomic.Int64
}

// Open opens the cache in dir, creating the directory if needed.
func Open(dir string) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	return &Cache{dir: dir}, nil
}

// file returns the path of the entry with key k.
func (c *Cache) file(k Key) string {
	name := hex.EncodeToString(k[:])
	return filepath.Join(c.dir, name[:2], name+"-r")
}

// useInterval is how stale an entry's modification time may be before
// a use updates it: often enough for pruning, rarely enough that a warm
// run does not write to every entry it reads.
const useInterval = time.Hour

// Get returns the data of the entry with key k, if there is one.
func (c *Cache) Get(k Key) ([]byte, bool) {
	name := c.file(k)
	data, err := os.ReadFile(name)
	if err != nil {
		c.misses.Add(1)
		return nil, false
	}
	c.hits.Add(1)
	if info, err := os.Stat(name); err == nil && time.Since(info.ModTime()) > useInterval {
		now := time.Now()
		_ = os.Chtimes(name, now, now) // best effort: a stale time only makes pruning earlier
	}
	return data, true
}

// Put stores data as the entry with key k. A reader never sees part of
// an entry: it is written to a temporary file, then renamed.
func (c *Cache) Put(k Key, data []byte) error {
	name := c.file(k)
	if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
		return err
	}
	var suffix [8]byte
	rand.Read(suffix[:])
	tmp := name + ".tmp" + hex.EncodeToString(suffix[:])
	if err := os.WriteFile(tmp, data, 0o666); err != nil {
		_ = os.Remove(tmp) // Trim removes what is left
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		_ = os.Remove(tmp) // Trim removes what is left
		return err
	}
	return nil
}

// Stats returns the number of lookups that found an entry and that did
// not.
func (c *Cache) Stats() (hits, misses int64) {
	return c.hits.Load(), c.misses.Load()
}

const (
	// trimInterval is how often Trim looks at the entries.
	trimInterval = 24 * time.Hour
	// trimAge is how long an entry may go unused before Trim removes
	// it.
	trimAge = 5 * 24 * time.Hour
	// trimFile records when Trim last ran.
	trimFile = "trim.txt"
)

// Trim removes the entries unused for five days, then the least
// recently used ones while the entries take more than maxBytes. It does
// nothing if it ran in the last day, so it can be called on every run.
func (c *Cache) Trim(maxBytes int64) error {
	mark := filepath.Join(c.dir, trimFile)
	if info, err := os.Stat(mark); err == nil && time.Since(info.ModTime()) < trimInterval {
		return nil
	}
	if err := os.WriteFile(mark, []byte(time.Now().UTC().Format(time.RFC3339)+"\n"), 0o666); err != nil {
		return err
	}
	return c.prune(time.Now().Add(-trimAge), maxBytes)
}

// prune removes the entries last used before cutoff, then the least
// recently used ones while the rest take more than maxBytes, and
// temporary files left by interrupted writes.
func (c *Cache) prune(cutoff time.Time, maxBytes int64) error {
	type entry struct {
		path string
		size int64
		used time.Time
	}
	var entries []entry
	var errs []error
	err := filepath.WalkDir(c.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed meanwhile
		}
		if err != nil {
			return err
		}
		switch name := d.Name(); {
		case strings.Contains(name, ".tmp"):
			if info.ModTime().Before(time.Now().Add(-time.Hour)) {
				errs = append(errs, os.Remove(path))
			}
		case strings.HasSuffix(name, "-r"):
			entries = append(entries, entry{path, info.Size(), info.ModTime()})
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(entries, func(a, b entry) int { return cmp.Or(b.used.Compare(a.used), strings.Compare(a.path, b.path)) })
	var total int64
	for _, e := range entries {
		total += e.size
		if e.used.Before(cutoff) || total > maxBytes {
			if err := os.Remove(e.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}
