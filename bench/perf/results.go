package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"
)

// A run is one timed run of a tool in a module: a line of runs.csv.
type run struct {
	Batch      string // when the harness started; ratios pair runs of one batch
	Module     string
	LOC        int
	Tool       string
	Round      int
	Start      time.Time
	Wall       time.Duration
	CPU        time.Duration
	MaxRSS     int64   // bytes; 0 if unknown
	Exit       int     // -1 if killed
	Status     string  // ok, timeout, or "exit N" for an exit code the tool does not use for findings
	Load1      float64 // one-minute load average when the run started; -1 if unknown
	Blockcheck string  // the commit blockcheck was built from
}

// timedOut reports whether r was killed at the timeout.
func (r run) timedOut() bool { return r.Status == "timeout" }

var runHeader = []string{"batch", "module", "loc", "tool", "round", "start", "wall_s", "cpu_s", "max_rss_mib", "exit", "status", "load1", "blockcheck"}

// writeRuns writes runs as CSV.
func writeRuns(w io.Writer, runs []run) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(runHeader); err != nil {
		return err
	}
	for _, r := range runs {
		err := cw.Write([]string{
			r.Batch, r.Module, strconv.Itoa(r.LOC), r.Tool, strconv.Itoa(r.Round),
			r.Start.UTC().Format(time.RFC3339),
			fmt.Sprintf("%.3f", r.Wall.Seconds()),
			fmt.Sprintf("%.3f", r.CPU.Seconds()),
			fmt.Sprintf("%.1f", float64(r.MaxRSS)/(1<<20)),
			strconv.Itoa(r.Exit), r.Status,
			fmt.Sprintf("%.2f", r.Load1),
			r.Blockcheck,
		})
		if err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// readRuns reads runs from CSV written by [writeRuns].
func readRuns(rd io.Reader) ([]run, error) {
	recs, err := csv.NewReader(rd).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, nil
	}
	col := make(map[string]int)
	for i, name := range recs[0] {
		col[name] = i
	}
	for _, name := range runHeader {
		if _, ok := col[name]; !ok {
			return nil, fmt.Errorf("no column %s", name)
		}
	}
	var runs []run
	for i, rec := range recs[1:] {
		var r run
		var errs []error
		num := func(name string) float64 {
			v, err := strconv.ParseFloat(rec[col[name]], 64)
			if err != nil {
				errs = append(errs, err)
			}
			return v
		}
		seconds := func(name string) time.Duration {
			return time.Duration(num(name) * float64(time.Second))
		}
		r.Batch = rec[col["batch"]]
		r.Module = rec[col["module"]]
		r.LOC = int(num("loc"))
		r.Tool = rec[col["tool"]]
		r.Round = int(num("round"))
		r.Start, err = time.Parse(time.RFC3339, rec[col["start"]])
		if err != nil {
			errs = append(errs, err)
		}
		r.Wall = seconds("wall_s")
		r.CPU = seconds("cpu_s")
		r.MaxRSS = int64(num("max_rss_mib") * (1 << 20))
		r.Exit = int(num("exit"))
		r.Status = rec[col["status"]]
		r.Load1 = num("load1")
		r.Blockcheck = rec[col["blockcheck"]]
		if len(errs) > 0 {
			return nil, fmt.Errorf("line %d: %v", i+2, errs[0])
		}
		runs = append(runs, r)
	}
	return runs, nil
}

// loadRuns reads runs.csv at path; a missing file holds no runs.
func loadRuns(path string) ([]run, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	runs, err := readRuns(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", path, err)
	}
	return runs, nil
}

// saveRuns writes runs to path, through a temporary file so that an
// interrupted write leaves the old file.
func saveRuns(path string, runs []run) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := writeRuns(f, runs); err != nil {
		_ = f.Close() // the write failed already
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
