package main

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// A harness runs the tools in the corpus modules.
type harness struct {
	paths
	bin    binaries
	opts   options
	batch  string // start of this invocation, shared by its runs
	commit string // blockcheck's
	nonces int
}

// nonce returns a value never used before, to make go vet miss its
// cache.
func (h *harness) nonce() string {
	h.nonces++
	return fmt.Sprintf("%xn%d", time.Now().UnixNano(), h.nonces)
}

// measure runs the rounds in one module, calling record after each run.
func (h *harness) measure(ctx context.Context, mod module, picked []tool, record func(run) error) error {
	dir := filepath.Join(h.corpus, mod.name)
	if !prepared(h.paths, mod) {
		fmt.Fprintf(os.Stderr, "perf: %s: not prepared in %s; skipped (run corpus/fetch.sh %s)\n", mod.name, dir, mod.name)
		return nil
	}
	loc, err := countLines(dir)
	if err != nil {
		return fmt.Errorf("counting lines of %s: %v", mod.name, err)
	}
	// go vet needs the export data of the test variants too, which
	// fetch.sh's go build did not compile; compile them now so that no
	// timed run does.
	fmt.Fprintf(os.Stderr, "perf: %s: %d lines; compiling what go vet needs\n", mod.name, loc)
	prime, err := h.exec(ctx, dir, mod.name+".prime", []string{"go", "list", "-e", "-export", "-test", "-deps", "./..."}, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "perf: %s: compiled in %.1f s\n", mod.name, prime.Wall.Seconds())

	filled := make(map[string]string) // warm tool → nonce of its untimed filling run
	for round := 1; round <= h.opts.rounds; round++ {
		nonces := make(map[string]string) // tool → nonce of its run in this round
		for _, t := range picked {
			nonce := h.nonce()
			if t.Warms != "" {
				switch {
				case nonces[t.Warms] != "":
					nonce = nonces[t.Warms]
				case filled[t.Name] != "":
					nonce = filled[t.Name]
				default:
					// The tool it repeats is not measured: fill the
					// cache once, untimed.
					cold, _ := toolNamed(t.Warms)
					fill, err := commandFor(cold, h.bin, nonce, h.tmp)
					if err != nil {
						return err
					}
					fmt.Fprintf(os.Stderr, "perf: %s: filling the cache of %s\n", mod.name, t.Name)
					if _, err := h.exec(ctx, dir, fmt.Sprintf("%s.%s.fill", mod.name, t.Name), fill.args, fill.env); err != nil {
						return err
					}
					filled[t.Name] = nonce
				}
			}
			nonces[t.Name] = nonce
			cmd, err := commandFor(t, h.bin, nonce, h.tmp)
			if err != nil {
				return err
			}
			r := run{Batch: h.batch, Module: mod.name, LOC: loc, Tool: t.Name, Round: round, Start: time.Now(), Load1: loadAverage(), Blockcheck: h.commit}
			out, err := h.exec(ctx, dir, fmt.Sprintf("%s.%s.%d", mod.name, t.Name, round), cmd.args, cmd.env)
			if err != nil {
				return err
			}
			r.Wall, r.CPU, r.MaxRSS, r.Exit = out.Wall, out.CPU, out.MaxRSS, out.Exit
			switch {
			case out.TimedOut:
				r.Status = "timeout"
			case slices.Contains(t.OK, out.Exit):
				r.Status = "ok"
			default:
				r.Status = fmt.Sprintf("exit %d", out.Exit)
			}
			fmt.Fprintf(os.Stderr, "perf: %-10s round %d/%d %-11s %8.2f s  cpu %8.2f s  %6.0f MiB  load %4.1f  %s\n",
				mod.name, round, h.opts.rounds, t.Name, r.Wall.Seconds(), r.CPU.Seconds(), float64(r.MaxRSS)/(1<<20), r.Load1, r.Status)
			if r.Status != "ok" {
				h.showStderr(fmt.Sprintf("%s.%s.%d", mod.name, t.Name, round))
			}
			if err := record(r); err != nil {
				return err
			}
		}
		// The caches of the round's runs, but not those that fill a
		// warm tool's cache for every round.
		var drop []string
		for _, nonce := range nonces {
			if !slices.Contains(slices.Collect(maps.Values(filled)), nonce) {
				drop = append(drop, nonce)
			}
		}
		dropCaches(h.tmp, drop)
	}
	for _, nonce := range filled {
		dropCaches(h.tmp, []string{nonce})
	}
	return nil
}

// exec runs args in dir under the timeout, with the corpus environment
// and env, writing its output to the log files named label.
func (h *harness) exec(ctx context.Context, dir, label string, args, env []string) (outcome, error) {
	stdout, err := os.Create(filepath.Join(h.logs, label+".out"))
	if err != nil {
		return outcome{}, err
	}
	// The logs are for reading after a failure; failing to write them
	// does not change a measurement.
	defer func() { _ = stdout.Close() }()
	stderr, err := os.Create(filepath.Join(h.logs, label+".err"))
	if err != nil {
		return outcome{}, err
	}
	defer func() { _ = stderr.Close() }()
	// As corpus/run.sh: modules are used as published.
	full := append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	full = append(full, env...)
	out, err := execute(ctx, dir, args, full, stdout, stderr, h.opts.timeout)
	if err != nil {
		return out, fmt.Errorf("%s in %s: %v", strings.Join(args, " "), dir, err)
	}
	return out, nil
}

// showStderr prints the end of a run's standard error.
func (h *harness) showStderr(label string) {
	data, err := os.ReadFile(filepath.Join(h.logs, label+".err"))
	if err != nil {
		return
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	for _, l := range lines {
		fmt.Fprintf(os.Stderr, "\t%s\n", l)
	}
}
