//go:build unix

package main

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

// setGroup makes cmd the leader of a new process group, so that a
// timeout kills the vet tools and compilers it starts too.
func setGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup kills cmd's process group.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // the group may be gone already
	}
}

// maxRSS returns the peak resident memory, in bytes, of the largest
// process among the child and the descendants it waited for (getrusage's
// ru_maxrss as wait4 reports it).
func maxRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) // bytes there
	}
	return int64(ru.Maxrss) * 1024 // kilobytes on Linux and the BSDs
}
