// Command sample draws a reproducible sample of findings from the
// result files that run.sh writes, for a reviewer to judge: up to -n
// findings per module and mode, chosen by a hash of the seed and each
// finding's position and category, so that the same findings are drawn
// again as long as they are reported, whatever their wording, and a
// module that repeats one finding hundreds of times weighs no more than
// one that has a few.
//
//	go run ./corpus/sample -dir /tmp/cres
//
// It prints one line per finding drawn: module, mode, then the result
// file's line (position, category, message), sorted by module and mode.
package main

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A result is one finding of a result file.
type result struct {
	module, mode string
	line         string // position, category and message, tab-separated
	rank         [sha256.Size]byte
}

func main() {
	dir := flag.String("dir", "corpus-results", "the directory of run.sh's result files")
	n := flag.Int("n", 8, "findings to draw per module and mode")
	seed := flag.String("seed", "blockcheck-precision-1", "the seed of the draw")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("sample: ")

	files, err := filepath.Glob(filepath.Join(*dir, "*.txt"))
	if err != nil {
		log.Fatal(err)
	}
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			log.Fatal(err)
		}
		drawn, err := draw(f, filepath.Base(file), *seed, *n)
		f.Close()
		if err != nil {
			log.Fatalf("%s: %v", file, err)
		}
		for _, r := range drawn {
			fmt.Printf("%s\t%s\t%s\n", r.module, r.mode, r.line)
		}
	}
}

// draw reads the result file named name from r and returns up to n of
// its findings, those whose position and category rank first under
// seed, in the file's order.
func draw(r io.Reader, name, seed string, n int) ([]result, error) {
	module, mode := strings.TrimSuffix(name, ".txt"), "package"
	if m, ok := strings.CutSuffix(module, ".program"); ok {
		module, mode = m, "program"
	}
	var all []result
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		posn, rest, ok := strings.Cut(line, "\t")
		if !ok {
			continue // a count, such as "blocking: 4"
		}
		category, _, _ := strings.Cut(rest, "\t")
		all = append(all, result{
			module: module, mode: mode, line: line,
			rank: sha256.Sum256([]byte(seed + "\x00" + posn + "\x00" + category)),
		})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	order := slices.Clone(all)
	slices.SortFunc(order, func(a, b result) int {
		return cmp.Or(slices.Compare(a.rank[:], b.rank[:]), strings.Compare(a.line, b.line))
	})
	keep := make(map[string]bool)
	for _, r := range order[:min(n, len(order))] {
		keep[r.line] = true
	}
	return slices.DeleteFunc(all, func(r result) bool { return !keep[r.line] }), nil
}
