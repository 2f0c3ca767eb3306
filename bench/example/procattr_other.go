//go:build !linux

package main

import "os/exec"

// dieWithParent does nothing outside Linux: there the servers are killed
// after each run and when the benchmark fails or is interrupted, but not
// when it is killed itself.
func dieWithParent(*exec.Cmd) {}
