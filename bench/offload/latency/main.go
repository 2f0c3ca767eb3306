// Command latency measures how a burst of CPU-heavy requests affects the
// latency of cheap ones, with the heavy work run inline in the handler and
// with it run through offload.
//
// For each mode and run it starts a server process on 127.0.0.1 (this same
// program with -serve), floods its /heavy endpoint from a fixed number of
// closed-loop clients while it samples /cheap at a steady pace, and then
// stops the server. It prints the median over the runs of the cheap
// endpoint's p50, p99 and max latency and of the heavy endpoint's
// throughput, as a Markdown table. Every request loop is bounded in time
// and count, and the server exits when its parent closes its stdin, or
// after -max-life in any case. The load generator and the statistics are
// package loadgen, which bench/example reuses.
//
// From bench/:
//
//	go run ./offload/latency
package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/blockcheck/blockcheck/bench/internal/loadgen"
	"github.com/blockcheck/blockcheck/offload"
)

var (
	serve        = flag.Bool("serve", false, "run as the server (used by the parent process)")
	mode         = flag.String("mode", "", "server mode: inline, offload, or offload-N for N workers")
	modes        = flag.String("modes", "idle,inline,offload,offload-all", "modes to compare; idle has no heavy load, offload-all has GOMAXPROCS workers")
	runs         = flag.Int("runs", 5, "runs per mode; the table shows medians")
	duration     = flag.Duration("duration", 2*time.Second, "load duration of one run")
	heavyClients = flag.Int("heavy-clients", 32, "closed-loop clients flooding /heavy")
	cheapEvery   = flag.Duration("cheap-every", 2*time.Millisecond, "pause between two samples of /cheap")
	heavyWork    = flag.Duration("heavy", 5*time.Millisecond, "CPU time of one heavy request, calibrated at start")
	backoff      = flag.Duration("backoff", 5*time.Millisecond, "pause of a heavy client after a 503")
	maxLife      = flag.Duration("max-life", 2*time.Minute, "the server exits after this long whatever happens")
	rounds       = flag.Int("rounds", 0, "server: sha256 rounds of one heavy request (set by the parent)")
)

func main() {
	log.SetFlags(0)
	flag.Parse()
	if *serve {
		server()
		return
	}
	parent()
}

// work is the heavy request's CPU-bound work: rounds of SHA-256 over 4 KiB.
func work(rounds int) [32]byte {
	var buf [4096]byte
	sum := sha256.Sum256(buf[:])
	for range rounds {
		copy(buf[:], sum[:])
		sum = sha256.Sum256(buf[:])
	}
	return sum
}

// calibrate returns the rounds of work that take about d.
func calibrate(d time.Duration) int {
	n := 100
	for {
		start := time.Now()
		work(n)
		el := time.Since(start)
		if el > 20*time.Millisecond {
			return max(1, int(float64(n)*float64(d)/float64(el)))
		}
		n *= 2
	}
}

func server() {
	go func() {
		// Stop when the parent goes away, or after maxLife.
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	time.AfterFunc(*maxLife, func() { os.Exit(0) })

	var heavy http.HandlerFunc
	switch m := *mode; {
	case m == "inline":
		heavy = func(w http.ResponseWriter, r *http.Request) {
			sum := work(*rounds)
			fmt.Fprintf(w, "%x\n", sum[:4])
		}
	case m == "offload" || strings.HasPrefix(m, "offload-"):
		p := offload.Default()
		if m != "offload" {
			var n int
			if _, err := fmt.Sscanf(m, "offload-%d", &n); err != nil {
				log.Fatalf("bad mode %q", m)
			}
			p = offload.New(offload.WithWorkers(n))
		}
		heavy = func(w http.ResponseWriter, r *http.Request) {
			sum, err := offload.ValueOn(r.Context(), p, func() [32]byte { return work(*rounds) })
			if err != nil {
				offload.WriteError(w, err)
				return
			}
			fmt.Fprintf(w, "%x\n", sum[:4])
		}
	default:
		log.Fatalf("bad mode %q", *mode)
	}
	mux := http.NewServeMux()
	mux.Handle("/heavy", heavy)
	mux.HandleFunc("/cheap", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ln.Addr())
	log.Fatal(http.Serve(ln, mux))
}

func parent() {
	procs := runtime.GOMAXPROCS(0)
	n := calibrate(*heavyWork)
	start := time.Now()
	ms := strings.Split(*modes, ",")
	all := map[string][]loadgen.Result{}
	for run := range *runs {
		for _, m := range ms {
			r, err := runOnce(m, n, procs)
			if err != nil {
				log.Fatalf("run %d, mode %s: %v", run, m, err)
			}
			all[m] = append(all[m], r)
		}
	}

	fmt.Printf("Latency isolation, %s, GOMAXPROCS=%d (%d CPUs), %s\n", time.Now().UTC().Format("2006-01-02"), procs, runtime.NumCPU(), runtime.Version())
	fmt.Printf("Heavy request: %d SHA-256 rounds ≈ %v of CPU; %d closed-loop heavy clients (%v pause after a 503); /cheap sampled every %v; %d runs of %v per mode, medians shown; took %v.\n\n",
		n, *heavyWork, *heavyClients, *backoff, *cheapEvery, *runs, *duration, time.Since(start).Round(time.Second))
	fmt.Println("| mode | workers | cheap p50 | cheap p99 | cheap max | cheap samples | heavy ok/s | heavy 503/s |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	for _, m := range ms {
		s := loadgen.Summarize(all[m])
		workers := "-"
		switch {
		case m == "inline":
			workers = "all"
		case m == "offload":
			workers = fmt.Sprintf("%d (default)", offload.DefaultWorkers())
		case strings.HasPrefix(m, "offload-"):
			workers = strings.TrimPrefix(m, "offload-")
			if workers == "all" {
				workers = fmt.Sprint(procs)
			}
		}
		fmt.Printf("| %s | %s | %s | %s | %s | %.0f | %.0f | %.0f |\n", m, workers,
			loadgen.FormatDuration(s.P50), loadgen.FormatDuration(s.P99), loadgen.FormatDuration(s.Max),
			s.Samples, s.OKPerSec, s.RejectedPerSec)
		if s.HeavyErrs > 0 {
			fmt.Fprintf(os.Stderr, "mode %s: %d heavy requests failed without a response\n", m, s.HeavyErrs)
		}
	}
}

// runOnce starts a server in mode m and measures one run.
func runOnce(m string, rounds, procs int) (loadgen.Result, error) {
	serverMode, heavyLoad := m, true
	switch m {
	case "idle":
		serverMode, heavyLoad = "inline", false
	case "offload-all":
		serverMode = fmt.Sprintf("offload-%d", procs)
	}
	exe, err := os.Executable()
	if err != nil {
		return loadgen.Result{}, err
	}
	cmd := exec.Command(exe, "-serve", "-mode", serverMode, "-rounds", fmt.Sprint(rounds), "-max-life", maxLife.String())
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return loadgen.Result{}, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return loadgen.Result{}, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return loadgen.Result{}, err
	}
	defer func() {
		stdin.Close()
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}()
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return loadgen.Result{}, fmt.Errorf("reading the server's address: %v", err)
	}
	base := "http://" + strings.TrimSpace(addr)
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		return loadgen.Result{}, fmt.Errorf("server is not on loopback: %q", base)
	}

	clients := *heavyClients
	if !heavyLoad {
		clients = 0
	}
	return loadgen.Run(context.Background(), loadgen.Config{
		Base:         base,
		Heavy:        loadgen.Request{Path: "/heavy"},
		Cheap:        loadgen.Request{Path: "/cheap"},
		HeavyClients: clients,
		CheapEvery:   *cheapEvery,
		Backoff:      *backoff,
		Duration:     *duration,
	})
}
