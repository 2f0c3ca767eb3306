// Package offloadbench compares offload with the obvious alternatives for
// running CPU-heavy work with a bound on concurrency: a raw goroutine with
// a channel, golang.org/x/sync/semaphore, errgroup.SetLimit,
// github.com/panjf2000/ants/v2 and github.com/alitto/pond/v2.
//
// It lives in its own module, bench/go.mod, so that none of them enters
// the main module. From bench/:
//
//	go test -run '^$' -bench . -benchmem -count 6 ./offload > new.txt
//	go run golang.org/x/perf/cmd/benchstat -col /impl new.txt
//
// The latency-isolation benchmark is the program in ./latency. Results of
// both are in RESULTS.md.
package offloadbench
