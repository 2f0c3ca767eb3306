// Command example measures what blockcheck -fix does for the example
// application's latency: how fast its cheap endpoint stays while its
// CPU-heavy endpoint is flooded, before and after the fix.
//
// It builds blockcheck from the checkout, copies the example application
// (testdata/example, with go.mod, go.sum and offload/) twice into a
// temporary directory, applies blockcheck -fix to one copy, which moves
// the bcrypt hash of POST /signup onto offload's default pool, and builds
// both. Then, for each run and app, it starts the app's server on a free
// port of 127.0.0.1, creates a user with POST /signup, floods POST /signup
// (bcrypt at its default cost) from a fixed number of closed-loop clients
// while it samples GET /users/{name} at a steady pace, and kills the
// server. The load generator and the statistics are those of the offload
// latency benchmark (package loadgen). It prints the medians over the runs
// as a Markdown table.
//
// Every request loop is bounded in time and count, the whole command by
// -timeout; a server is killed after its run, when the command fails or is
// interrupted, and, on Linux, when the command dies.
//
// From bench/:
//
//	go run ./example
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/blockcheck/blockcheck/bench/internal/loadgen"
)

var (
	root         = flag.String("root", "", "the blockcheck checkout (default: where bench/go.mod's replace points)")
	modes        = flag.String("modes", "idle,inline,offload", "apps to compare: idle (before -fix, no flood), inline (before -fix), offload (after -fix)")
	runs         = flag.Int("runs", 5, "runs per mode; the table shows medians")
	duration     = flag.Duration("duration", 4*time.Second, "load duration of one run")
	heavyClients = flag.Int("heavy-clients", 32, "closed-loop clients flooding POST /signup")
	cheapEvery   = flag.Duration("cheap-every", 2*time.Millisecond, "pause between two samples of GET /users/{name}")
	backoff      = flag.Duration("backoff", 5*time.Millisecond, "pause of a heavy client after a 503")
	timeout      = flag.Duration("timeout", 5*time.Minute, "give up after this long")
)

// The requests: the user the cheap endpoint looks up, and the flood's.
const (
	user      = "alice"
	floodUser = "flood"
	password  = "correct horse battery staple"
	formType  = "application/x-www-form-urlencoded"
)

// labels name the modes in the table.
var labels = map[string]string{
	"idle":    "idle (before -fix, no flood)",
	"inline":  "inline (before -fix)",
	"offload": "offload (after -fix)",
}

func main() {
	log.SetFlags(0)
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	err := run(ctx)
	cancel()
	stop()
	if err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context) error {
	start := time.Now()
	loadBefore := loadAverage()
	ms := strings.Split(*modes, ",")
	for _, m := range ms {
		if labels[m] == "" {
			return fmt.Errorf("unknown mode %q", m)
		}
	}
	if *runs < 1 || *heavyClients < 1 {
		return errors.New("-runs and -heavy-clients must be at least 1")
	}
	dir := *root
	if dir == "" {
		out, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}", "github.com/blockcheck/blockcheck").Output()
		if err != nil {
			return fmt.Errorf("finding the checkout (run from bench/, or set -root): %w", err)
		}
		dir = strings.TrimSpace(string(out))
	}
	tmp, err := os.MkdirTemp("", "blockcheck-bench-example-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	log.Printf("building blockcheck and the example in %s", tmp)
	bins, err := build(ctx, dir, tmp)
	if err != nil {
		return err
	}

	all := map[string][]loadgen.Result{}
	var signups []time.Duration // one per run and app, on the idle server
	for i := range *runs {
		for _, m := range ms {
			bin := bins["inline"]
			if m == "offload" {
				bin = bins["offload"]
			}
			r, signup, err := runOnce(ctx, bin, m != "idle")
			if err != nil {
				return fmt.Errorf("run %d, mode %s: %w", i+1, m, err)
			}
			all[m] = append(all[m], r)
			signups = append(signups, signup)
			log.Printf("run %d, %s: cheap p50 %v p99 %v, %d samples; heavy %d ok, %d 503", i+1, m,
				loadgen.FormatDuration(r.Pct(0.5)), loadgen.FormatDuration(r.Pct(0.99)), len(r.Cheap), r.HeavyOK, r.Heavy503)
		}
	}

	fmt.Printf("Example app under a signup flood, %s, GOMAXPROCS=%d (%d CPUs: %s), %s/%s, %s; load average %s before, %s after.\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOMAXPROCS(0), runtime.NumCPU(), cpuModel(),
		runtime.GOOS, runtime.GOARCH, runtime.Version(), loadBefore, loadAverage())
	fmt.Printf("Heavy request: POST /signup, bcrypt at its default cost (one signup took %v on the idle server, median); %d closed-loop clients (%v pause after a 503); GET /users/%s sampled every %v; %d runs of %v per mode, interleaved, medians shown; took %v.\n",
		loadgen.FormatDuration(time.Duration(loadgen.Median(signups, func(d time.Duration) float64 { return float64(d) }))), *heavyClients, *backoff, user, *cheapEvery, *runs, *duration, time.Since(start).Round(time.Second))
	fmt.Printf("Command, from bench/: %s\n\n", commandLine())
	fmt.Println("| app | cheap p50 | cheap p99 | cheap max | cheap samples | heavy ok/s | heavy 503/s |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, m := range ms {
		s := loadgen.Summarize(all[m])
		fmt.Printf("| %s | %s | %s | %s | %.0f | %.1f | %.0f |\n", labels[m],
			loadgen.FormatDuration(s.P50), loadgen.FormatDuration(s.P99), loadgen.FormatDuration(s.Max),
			s.Samples, s.OKPerSec, s.RejectedPerSec)
		if s.HeavyErrs > 0 {
			fmt.Fprintf(os.Stderr, "mode %s: %d heavy requests failed without a 2xx or 503 response\n", m, s.HeavyErrs)
		}
	}
	return nil
}

// fixed matches the signup handler's call of auth.Register once
// blockcheck -fix has moved it onto offload's default pool.
var fixed = regexp.MustCompile(`offload\.Do\(r\.Context\(\), func\(\) \(\*auth\.User, error\) \{ return auth\.Register\(name, password\) \}\)`)

// build builds blockcheck from the checkout in root, makes two copies of
// the example under tmp, applies blockcheck -fix to the second, checks
// that only the second calls auth.Register through offload, and builds
// both. It returns the binaries by mode: inline and offload.
func build(ctx context.Context, root, tmp string) (map[string]string, error) {
	blockcheck := filepath.Join(tmp, "blockcheck")
	if err := command(ctx, root, "go", "build", "-o", blockcheck, "./cmd/blockcheck"); err != nil {
		return nil, err
	}
	bins := map[string]string{}
	for _, m := range []string{"inline", "offload"} {
		dir := filepath.Join(tmp, m)
		if err := copyExample(root, dir); err != nil {
			return nil, fmt.Errorf("copying the example: %w", err)
		}
		if m == "offload" {
			if err := command(ctx, dir, blockcheck, "-fix", "./testdata/example/..."); err != nil {
				return nil, err
			}
		}
		src, err := os.ReadFile(filepath.Join(dir, "testdata", "example", "handlers.go"))
		if err != nil {
			return nil, err
		}
		if got, want := fixed.Match(src), m == "offload"; got != want {
			return nil, fmt.Errorf("%s copy: signup calls auth.Register through offload.Do: %v, want %v", m, got, want)
		}
		bins[m] = filepath.Join(dir, "example")
		if err := command(ctx, dir, "go", "build", "-o", bins[m], "./testdata/example"); err != nil {
			return nil, err
		}
	}
	return bins, nil
}

// copyExample copies what the example needs to build from root into
// dir, as blockcheck's TestFixExample does.
func copyExample(root, dir string) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	for _, rel := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, rel), data, 0o666); err != nil {
			return err
		}
	}
	for _, rel := range []string{"offload", filepath.Join("testdata", "example")} {
		if err := os.CopyFS(filepath.Join(dir, rel), os.DirFS(filepath.Join(root, rel))); err != nil {
			return err
		}
	}
	return nil
}

// command runs name with args in dir, outside any go.work, and returns
// an error with its output if it fails.
func command(ctx context.Context, dir, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s %s in %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), dir, err, out)
	}
	return nil
}

// runOnce starts the server bin, creates the user the cheap endpoint
// looks up, measures one run, flooding POST /signup if flood is set, and
// kills the server. It returns what the run measured and how long the
// first signup took.
func runOnce(ctx context.Context, bin string, flood bool) (r loadgen.Result, signup time.Duration, err error) {
	addr, err := freeAddr()
	if err != nil {
		return r, 0, err
	}
	base := "http://" + addr
	cmd := exec.CommandContext(ctx, bin, "-addr", addr)
	cmd.Dir = filepath.Dir(bin)
	stderr := new(syncBuffer)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return r, 0, err
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	defer func() {
		_ = cmd.Process.Kill()
		<-exited
	}()
	// exitErr says that the server exited before it was killed.
	exitErr := func() error {
		return fmt.Errorf("the server exited: %v\n%s", cmd.ProcessState, stderr)
	}

	client := &http.Client{Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	// The example warms up for a second before it listens; an unknown user
	// gets 404 once it does.
	deadline := time.Now().Add(15 * time.Second)
	for {
		code, _, err := do(ctx, client, http.MethodGet, base+"/users/nobody", "")
		if err == nil && code == http.StatusNotFound {
			break
		}
		if err == nil {
			return r, 0, fmt.Errorf("GET /users/nobody: status %d, want 404: is another server on %s?", code, addr)
		}
		select {
		case <-exited:
			return r, 0, exitErr()
		case <-ctx.Done():
			return r, 0, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return r, 0, fmt.Errorf("the server did not answer on %s within 15s: %v", addr, err)
		}
	}

	t0 := time.Now()
	code, body, err := do(ctx, client, http.MethodPost, base+"/signup", url.Values{"name": {user}, "password": {password}}.Encode())
	signup = time.Since(t0)
	if err != nil || code != http.StatusCreated {
		return r, 0, fmt.Errorf("POST /signup: status %d %q, %v; want 201", code, body, err)
	}
	code, body, err = do(ctx, client, http.MethodGet, base+"/users/"+user, "")
	var u struct{ Name string }
	if err != nil || code != http.StatusOK || json.Unmarshal(body, &u) != nil || u.Name != user {
		return r, 0, fmt.Errorf("GET /users/%s: status %d %q, %v; want 200 and the user", user, code, body, err)
	}

	cfg := loadgen.Config{
		Base: base,
		Heavy: loadgen.Request{
			Method:      http.MethodPost,
			Path:        "/signup",
			Body:        url.Values{"name": {floodUser}, "password": {password}}.Encode(),
			ContentType: formType,
		},
		Cheap:      loadgen.Request{Path: "/users/" + user},
		CheapEvery: *cheapEvery,
		Backoff:    *backoff,
		Duration:   *duration,
	}
	if flood {
		cfg.HeavyClients = *heavyClients
	}
	r, err = loadgen.Run(ctx, cfg)
	select {
	case <-exited:
		return r, 0, exitErr()
	default:
	}
	return r, signup, err
}

// do sends one request with a form body if body is not empty, and returns
// the response's status and body.
func do(ctx context.Context, c *http.Client, method, target, body string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, target, strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if body != "" {
		req.Header.Set("Content-Type", formType)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// freeAddr returns an address on 127.0.0.1 with a port that was free a
// moment ago.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// syncBuffer is a bytes.Buffer that a process can write while another
// goroutine reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// commandLine returns the command line that reproduces this run.
func commandLine() string {
	s := "go run ./example"
	flag.Visit(func(f *flag.Flag) { s += fmt.Sprintf(" -%s=%s", f.Name, f.Value) })
	return s
}

// cpuModel returns the CPU's model name on Linux, "unknown CPU" elsewhere.
func cpuModel() string {
	data, _ := os.ReadFile("/proc/cpuinfo")
	for line := range strings.Lines(string(data)) {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

// loadAverage returns the 1, 5 and 15-minute load averages on Linux, "?"
// elsewhere: the machine may be shared.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "?"
}
