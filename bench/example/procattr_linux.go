package main

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the kernel kill cmd's process when this one dies,
// so that a server outlives no crash or kill -9 of the benchmark. Strictly
// the kernel acts when the thread that started cmd exits; Go's runtime
// keeps its threads unless a goroutine locked to one exits, which this
// program never does.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
