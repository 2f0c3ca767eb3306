package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// A tool is one of the measured commands.
type tool struct {
	Name  string // in flags and CSV files
	Title string // in tables and plots
	// OK lists the exit codes of a run that did its work: 0, and the
	// code the tool uses for findings.
	OK []int
	// Warms, if set, names the tool whose command this one repeats,
	// with nothing changed, to find go vet's results in the cache.
	Warms string
	// Extra tools run only when -tools names them.
	Extra bool
}

// tools lists the measured commands, in the order of a round.
var tools = []tool{
	{Name: "govet", Title: "go vet", OK: []int{0, 1}},
	{Name: "govet-warm", Title: "go vet, warm", OK: []int{0, 1}, Warms: "govet"},
	{Name: "staticcheck", Title: "staticcheck", OK: []int{0, 1}},
	{Name: "staticcheck-warm", Title: "staticcheck, warm", OK: []int{0, 1}, Warms: "staticcheck"},
	{Name: "vet-cold", Title: "vet -vettool, uncached", OK: []int{0, 1}},
	{Name: "vet-warm", Title: "vet -vettool, warm", OK: []int{0, 1}, Warms: "vet-cold"},
	{Name: "standalone", Title: "blockcheck", OK: []int{0, 3}},
	{Name: "standalone-warm", Title: "blockcheck, warm", OK: []int{0, 3}, Warms: "standalone"},
	{Name: "program", Title: "blockcheck -mode=program", OK: []int{0, 3}},
	{Name: "vet-null", Title: "vet -vettool=nullvet", OK: []int{0, 1}, Extra: true},
}

// toolNamed returns the tool called name.
func toolNamed(name string) (tool, bool) {
	i := slices.IndexFunc(tools, func(t tool) bool { return t.Name == name })
	if i < 0 {
		return tool{}, false
	}
	return tools[i], true
}

// toolNames returns the names of all tools.
func toolNames() []string {
	var names []string
	for _, t := range tools {
		names = append(names, t.Name)
	}
	return names
}

// pickTools returns the tools named in the comma-separated list, in the
// order of [tools]; by default, all but the extra ones.
func pickTools(list string) ([]tool, error) {
	if list == "" {
		return slices.DeleteFunc(slices.Clone(tools), func(t tool) bool { return t.Extra }), nil
	}
	want := strings.Split(list, ",")
	for _, name := range want {
		if _, ok := toolNamed(name); !ok {
			return nil, fmt.Errorf("unknown tool %q (want some of %s)", name, strings.Join(toolNames(), ","))
		}
	}
	var picked []tool
	for _, t := range tools {
		if slices.Contains(want, t.Name) {
			picked = append(picked, t)
		}
	}
	return picked, nil
}

// binaries holds the paths of the programs under test.
type binaries struct {
	blockcheck  string
	staticcheck string
	nullvet     string // only when vet-null is measured
}

// A command is one invocation of a tool in a module.
type command struct {
	args []string
	env  []string // added to the harness's environment
}

// The vet tools, for [vetNonceFlag].
const (
	goVet      = "vet" // go vet's own
	blockcheck = "blockcheck"
	nullvet    = "nullvet"
)

// vetNonceFlag returns the flag that makes go vet miss its result cache
// for the given vet tool (see the package documentation): an analyzer
// flag whose value has no effect but enters the vet action ID.
func vetNonceFlag(vettool, nonce string) string {
	switch vettool {
	case blockcheck:
		return "-ignore-sink=example.com/perfnonce.F" + nonce + "=benchmark cache buster"
	case nullvet:
		return "-null.nonce=" + nonce
	}
	return "-printf.funcs=perfnonce" + nonce
}

// checkNonceFlag checks that the vet tool at path ("" for go vet's own)
// accepts the flag of [vetNonceFlag]: a tool that rejected it would fail
// on every package, which go vet reports with the same exit code as
// findings.
func checkNonceFlag(ctx context.Context, vettool, path string) error {
	args := []string{"go", "tool", "vet"}
	if path != "" {
		args = []string{path}
	}
	args = append(args, vetNonceFlag(vettool, "0n0"), "-V=full")
	out, err := exec.CommandContext(ctx, args[0], args[1:]...).CombinedOutput()
	if err != nil {
		first, _, _ := strings.Cut(string(out), "\n")
		return fmt.Errorf("%s: %v: %s", strings.Join(args, " "), err, first)
	}
	return nil
}

// commandFor returns the command that runs t. nonce makes go vet's
// results uncached; a warm tool is given the nonce of the run it
// repeats. tmp is a directory for the command's scratch files.
func commandFor(t tool, bin binaries, nonce, tmp string) (command, error) {
	switch t.Name {
	case "govet", "govet-warm":
		return command{args: []string{"go", "vet", vetNonceFlag(goVet, nonce), "./..."}}, nil
	case "staticcheck", "staticcheck-warm":
		// An empty cache, which the warm run, given the same nonce,
		// finds filled.
		return command{args: []string{bin.staticcheck, "./..."}, env: []string{"STATICCHECK_CACHE=" + cacheDir(tmp, "staticcheck", nonce)}}, nil
	case "vet-cold", "vet-warm":
		return command{args: []string{"go", "vet", "-vettool=" + bin.blockcheck, vetNonceFlag(blockcheck, nonce), "./..."}}, nil
	case "vet-null":
		return command{args: []string{"go", "vet", "-vettool=" + bin.nullvet, vetNonceFlag(nullvet, nonce), "./..."}}, nil
	case "standalone", "standalone-warm":
		// As staticcheck's: an empty cache, filled for the warm run.
		return command{args: []string{bin.blockcheck, "./..."}, env: []string{"BLOCKCHECK_CACHE=" + cacheDir(tmp, "blockcheck", nonce)}}, nil
	case "program":
		return command{args: []string{bin.blockcheck, "-mode=program", "./..."}}, nil
	}
	return command{}, fmt.Errorf("unknown tool %q", t.Name)
}

// cacheDir returns the directory of the cache of a run of the tool
// program with the given nonce, in tmp.
func cacheDir(tmp, program, nonce string) string {
	return filepath.Join(tmp, program+"-cache-"+nonce)
}

// dropCaches removes the caches of the runs with the given nonces.
func dropCaches(tmp string, nonces []string) {
	for _, nonce := range nonces {
		for _, program := range []string{"staticcheck", "blockcheck"} {
			_ = os.RemoveAll(cacheDir(tmp, program, nonce)) // what is left goes with tmp
		}
	}
}
