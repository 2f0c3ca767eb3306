package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// A machine describes where and with what the runs were made: the
// header of the results, kept in machine.json so that -report can
// rewrite the tables.
type machine struct {
	Date        string // of the last measurement, YYYY-MM-DD
	Cores       int
	CPU         string // model name, if known
	MemoryGiB   float64
	OS          string
	Go          string
	Blockcheck  string // commit, with +dirty for a modified working tree
	Staticcheck string
	Rounds      int
	Timeout     string
}

// describeMachine fills in what it can find out about this machine.
func describeMachine() machine {
	m := machine{
		Date:  time.Now().Format("2006-01-02"),
		Cores: runtime.NumCPU(),
		OS:    runtime.GOOS + "/" + runtime.GOARCH,
	}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for line := range strings.Lines(string(data)) {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
				kb, _ := strconv.ParseFloat(f[1], 64)
				m.MemoryGiB = kb / (1 << 20)
			}
		}
	}
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.OS += ", Linux " + strings.TrimSpace(string(data))
	}
	if out, err := exec.Command("go", "env", "GOVERSION").Output(); err == nil {
		m.Go = strings.TrimSpace(string(out))
	}
	return m
}

// String returns a one-line description for the results' header.
func (m machine) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d cores", m.Cores)
	if m.CPU != "" {
		fmt.Fprintf(&b, " (%s)", m.CPU)
	}
	if m.MemoryGiB > 0 {
		fmt.Fprintf(&b, ", %.0f GiB", m.MemoryGiB)
	}
	fmt.Fprintf(&b, ", %s, %s", m.OS, m.Go)
	return b.String()
}

// loadMachine reads machine.json at path.
func loadMachine(path string) (machine, error) {
	var m machine
	data, err := os.ReadFile(path)
	if err != nil {
		return m, err
	}
	return m, json.Unmarshal(data, &m)
}

// saveMachine writes m to path.
func saveMachine(path string, m machine) error {
	data, err := json.MarshalIndent(m, "", "\t")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o666)
}

// loadAverage returns the one-minute load average, or -1 if unknown.
func loadAverage() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}
