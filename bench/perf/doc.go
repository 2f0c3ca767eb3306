// Command perf measures what blockcheck costs on the corpus of real
// modules (../corpus/modules.txt), beside the tools a Go team already
// runs, and writes the results as CSV, a markdown table and plots.
//
// # Usage
//
// From bench/:
//
//	go run ./perf                                  # every module, 3 rounds
//	go run ./perf -modules inbucket,hydra -rounds 5
//	go run ./perf -tools govet,vet-cold,vet-warm
//	go run ./perf -report                          # redo tables and plots from perf/results/runs.csv
//
// It fetches the modules that are missing with ../corpus/fetch.sh (which
// builds each once), compiles what go vet will need (go list -export
// -test -deps, so that no timed run compiles anything), builds blockcheck
// from this checkout (-rev builds a commit instead of the working tree)
// and installs staticcheck into a temporary GOBIN. Then, module by
// module, it runs the tools in turn, A B C … A B C …, for -rounds rounds,
// each under a -timeout.
//
// # Tools
//
//	govet        go vet ./...                                  default analyzers, results not cached
//	govet-warm   the same command again, nothing changed       results cached: the go command's own cost
//	staticcheck  staticcheck ./...                             empty staticcheck cache (STATICCHECK_CACHE)
//	staticcheck-warm  the same command again, same cache        nothing changed
//	vet-cold     go vet -vettool=blockcheck ./...              results not cached
//	vet-warm     the same command again, nothing changed       results cached by the go command
//	standalone   blockcheck ./...                              empty blockcheck cache (BLOCKCHECK_CACHE)
//	standalone-warm  the same command again, same cache         nothing changed
//	program      blockcheck -mode=program ./...
//	vet-null     go vet -vettool=nullvet ./...                 results not cached; only with -tools
//
// nullvet (./nullvet) is a vet tool with facts that analyses nothing: the
// floor under vet-cold, what parsing and type-checking every package and
// dependency costs under go vet.
//
// # Uncached go vet without recompiling
//
// The go command keeps each package's vet result in GOCACHE under an
// action ID that hashes the vet tool's ID (its -V=full build ID), the
// flags passed to the tool and the package's compile action ID
// (cmd/go/internal/work/exec.go, (*Builder).vet). A fresh GOCACHE would
// also throw away the compiled export data, and -a rebuilds everything.
// So each uncached run passes an analyzer flag whose value is new and has
// no effect: -printf.funcs=perfnonce… (a print wrapper name that no
// function has) for go vet, -ignore-sink=example.com/perfnonce.F…=…
// (a sink that does not exist) for blockcheck. The flag changes every
// vet action ID, of the module's packages and of all their dependencies,
// as on a first run, while every compile action is found in the cache.
// (-c=N cannot do it: since Go 1.26 the go command handles -c itself and
// does not pass it to the tool.) vet-warm repeats the round's vet-cold
// command with the same value, and govet-warm the round's govet command,
// so every vet action is found in the cache; when the command it repeats
// is not measured, one untimed run per module fills the cache.
//
// # Measures
//
// Wall time from start to exit, CPU time (user and system) and peak
// resident memory come from the child's rusage (os.ProcessState), which
// covers every descendant the child waited for. Peak memory is the
// largest single process of the tree, as /usr/bin/time -v reports it:
// for go vet that is the go command or one vet tool process, of which
// the go command runs up to GOMAXPROCS at once.
//
// # Output
//
// In -out (default perf/results): runs.csv (one line per run),
// summary.csv (medians, ranges and pair-by-pair ratios per module and
// tool), table.md, loc-vs-time.png and cost-per-kloc.png; the markdown is
// also written between the markers <!-- perf:begin --> and
// <!-- perf:end --> of -doc (default PERF.md). Ratios are computed pair
// by pair, run against run of the same round, and their median and range
// reported; a warm run's against the baseline's warm run (standalone-warm
// against staticcheck-warm, vet-warm against govet-warm).
package main
