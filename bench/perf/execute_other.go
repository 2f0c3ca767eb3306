//go:build !unix

package main

import (
	"os"
	"os/exec"
)

// setGroup does nothing: without process groups, a timeout kills only
// the direct child.
func setGroup(cmd *exec.Cmd) {}

// killGroup kills cmd's process.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill() // it may have exited already
	}
}

// maxRSS returns 0: peak memory is not known on this system.
func maxRSS(ps *os.ProcessState) int64 { return 0 }
