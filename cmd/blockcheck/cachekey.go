package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/cache"
	"github.com/blockcheck/blockcheck/cmd/blockcheck/internal/stream"
)

// maxCacheBytes bounds the size of blockcheck's cache. An entry takes
// a few kilobytes: this holds the results of many large modules.
const maxCacheBytes = 1 << 30

// withCache returns cfg set up to keep its results in blockcheck's
// cache, and the cache; cfg itself and nil if the cache cannot be used,
// with a note on stderr when debug is set. With debug, cfg also notes
// on stderr what the run lists and finds, and how long that takes.
func withCache(cfg stream.Config, debug bool, stderr io.Writer) (stream.Config, *cache.Cache) {
	dir, err := cache.Dir()
	var c *cache.Cache
	if err == nil {
		c, err = cache.Open(dir)
	}
	var salt []byte
	if err == nil {
		salt, err = cacheSalt()
	}
	if err != nil {
		if debug {
			fmt.Fprintf(stderr, "blockcheck: cache: not used: %v\n", err)
		}
		return cfg, nil
	}
	if err := c.Trim(maxCacheBytes); err != nil && debug {
		fmt.Fprintf(stderr, "blockcheck: cache: pruning: %v\n", err)
	}
	cfg.Cache, cfg.Salt, cfg.Extra = c, salt, configKey
	if debug {
		cfg.Logf = func(format string, args ...any) {
			fmt.Fprintf(stderr, "blockcheck: cache: "+format+"\n", args...)
		}
	}
	return cfg, c
}

// cacheSalt identifies what every result depends on besides the
// packages: this blockcheck binary, by the hash of its file, and the
// analyzer's flags.
func cacheSalt() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	binary, err := os.ReadFile(exe)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	h.Write(binary)
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		fmt.Fprintf(h, "\n-%s=%q", f.Name, f.Value.String())
	})
	return h.Sum(nil), nil
}

// configKey returns the configuration of the package in dir, for its
// cache key.
func configKey(dir string) string {
	cfg, err := analyzer.FindConfig(dir)
	return fmt.Sprintf("%#v %v", cfg, err)
}

// debugging reports whether $BLOCKCHECK_DEBUG names what, as in
// BLOCKCHECK_DEBUG=cache.
func debugging(what string) bool {
	for w := range strings.SplitSeq(os.Getenv("BLOCKCHECK_DEBUG"), ",") {
		if w == what {
			return true
		}
	}
	return false
}
