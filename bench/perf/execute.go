package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"time"
)

// An outcome is what one run of a command measured.
type outcome struct {
	Wall     time.Duration
	CPU      time.Duration // user and system, of the process and the descendants it waited for
	MaxRSS   int64         // bytes, of the largest process in the tree; 0 if unknown
	Exit     int           // exit code; -1 if killed or not started
	TimedOut bool
}

// execute runs args in dir with env, writing its output to the files
// stdout and stderr (nil discards it), and kills its process group when timeout passes or
// ctx ends. An error means the command could not be run, or ctx ended.
func execute(ctx context.Context, dir string, args, env []string, stdout, stderr *os.File, timeout time.Duration) (outcome, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = env
	if stdout != nil {
		cmd.Stdout = stdout
	}
	if stderr != nil {
		cmd.Stderr = stderr
	}
	setGroup(cmd)

	start := time.Now()
	if err := cmd.Start(); err != nil {
		return outcome{Exit: -1}, err
	}
	done := make(chan struct{})
	timedOut := make(chan bool, 1)
	go func() {
		timer := time.NewTimer(timeout)
		defer timer.Stop()
		select {
		case <-done:
			timedOut <- false
		case <-timer.C:
			killGroup(cmd)
			timedOut <- true
		case <-ctx.Done():
			killGroup(cmd)
			timedOut <- false
		}
	}()
	err := cmd.Wait()
	wall := time.Since(start)
	close(done)
	out := outcome{Wall: wall, Exit: -1, TimedOut: <-timedOut}
	if ps := cmd.ProcessState; ps != nil {
		out.Exit = ps.ExitCode()
		out.CPU = ps.UserTime() + ps.SystemTime()
		out.MaxRSS = maxRSS(ps)
	}
	if ctx.Err() != nil {
		return out, ctx.Err()
	}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return out, err
	}
	return out, nil
}
