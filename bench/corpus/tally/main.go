// Command tally reads the -json output of blockcheck on standard input
// and prints the number of distinct findings per category, then one
// line per finding: position relative to the module, category and
// message.
//
//	blockcheck -json ./... | go run ./corpus/tally -root $PWD
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"slices"
	"strings"
)

// finding is the part of a go/analysis JSON diagnostic that tally reads.
type finding struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	Message  string `json:"message"`
}

func main() {
	root := flag.String("root", "", "strip this directory from positions")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("tally: ")

	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		log.Fatal(err)
	}
	// The checker prints one JSON object per run: package → analyzer →
	// findings, or an error object.
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		log.Fatalf("reading blockcheck -json output: %v", err)
	}
	// A package and its test variant report the same findings: count
	// each once.
	seen := make(map[finding]bool)
	counts := make(map[string]int)
	var lines []string
	for _, byAnalyzer := range tree {
		for _, raw := range byAnalyzer {
			var findings []finding
			if err := json.Unmarshal(raw, &findings); err != nil {
				continue // an error object: reported by blockcheck itself
			}
			for _, f := range findings {
				if seen[f] {
					continue
				}
				seen[f] = true
				counts[f.Category]++
				posn := strings.TrimPrefix(f.Posn, strings.TrimSuffix(*root, "/")+"/")
				lines = append(lines, fmt.Sprintf("%s\t%s\t%s", posn, f.Category, f.Message))
			}
		}
	}
	slices.Sort(lines)
	var cats []string
	for c := range counts {
		cats = append(cats, c)
	}
	slices.Sort(cats)
	total := 0
	for _, c := range cats {
		fmt.Printf("%s: %d\n", c, counts[c])
		total += counts[c]
	}
	fmt.Printf("total: %d\n", total)
	for _, l := range lines {
		fmt.Println(l)
	}
}
