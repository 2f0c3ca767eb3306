package main

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// A stat summarises a sample: its size, median and range.
type stat struct {
	N             int
	Med, Min, Max float64
}

// summarize returns the median and range of xs.
func summarize(xs []float64) stat {
	if len(xs) == 0 {
		return stat{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return stat{N: n, Med: med, Min: s[0], Max: s[n-1]}
}

// A cell summarises the runs of one tool in one module.
type cell struct {
	Module string
	LOC    int
	Tool   string
	// Runs counts the runs; Timeouts those killed at the timeout and
	// Failed those that exited with a code the tool does not use for
	// findings. The stats cover every run but the timeouts.
	Runs, Timeouts, Failed int
	Wall, CPU              stat // seconds
	RSS                    stat // MiB
	// Ratios of wall time and of peak memory against the baselines,
	// computed run against run of the same batch and round; for a warm
	// tool, against the baselines' warm runs.
	VsGovet, VsStaticcheck, RSSVsStaticcheck stat
}

// kloc returns the module's size in thousands of lines.
func (c cell) kloc() float64 { return float64(c.LOC) / 1000 }

// pairKey identifies the runs that a ratio may compare.
type pairKey struct {
	batch, module string
	round         int
	tool          string
}

// summarizeRuns returns a cell per module and tool, ordered by module
// size, then as the tools are.
func summarizeRuns(runs []run) []cell {
	byKey := make(map[pairKey]run)
	type cellKey struct{ module, tool string }
	groups := make(map[cellKey][]run)
	var keys []cellKey
	for _, r := range runs {
		byKey[pairKey{r.Batch, r.Module, r.Round, r.Tool}] = r
		k := cellKey{r.Module, r.Tool}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	var cells []cell
	for _, k := range keys {
		rs := groups[k]
		c := cell{Module: k.module, LOC: rs[0].LOC, Tool: k.tool, Runs: len(rs)}
		govet, staticcheck := "govet", "staticcheck"
		if t, ok := toolNamed(k.tool); ok && t.Warms != "" {
			govet, staticcheck = "govet-warm", "staticcheck-warm"
		}
		var wall, cpu, rss, vsGovet, vsSC, rssVsSC []float64
		for _, r := range rs {
			switch {
			case r.timedOut():
				c.Timeouts++
				continue
			case r.Status != "ok":
				c.Failed++
			}
			wall = append(wall, r.Wall.Seconds())
			cpu = append(cpu, r.CPU.Seconds())
			if r.MaxRSS > 0 {
				rss = append(rss, float64(r.MaxRSS)/(1<<20))
			}
			if b, ok := byKey[pairKey{r.Batch, r.Module, r.Round, govet}]; ok && !b.timedOut() && b.Wall > 0 {
				vsGovet = append(vsGovet, r.Wall.Seconds()/b.Wall.Seconds())
			}
			if b, ok := byKey[pairKey{r.Batch, r.Module, r.Round, staticcheck}]; ok && !b.timedOut() && b.Wall > 0 {
				vsSC = append(vsSC, r.Wall.Seconds()/b.Wall.Seconds())
				if r.MaxRSS > 0 && b.MaxRSS > 0 {
					rssVsSC = append(rssVsSC, float64(r.MaxRSS)/float64(b.MaxRSS))
				}
			}
		}
		c.Wall, c.CPU, c.RSS = summarize(wall), summarize(cpu), summarize(rss)
		c.VsGovet, c.VsStaticcheck, c.RSSVsStaticcheck = summarize(vsGovet), summarize(vsSC), summarize(rssVsSC)
		cells = append(cells, c)
	}
	slices.SortStableFunc(cells, func(a, b cell) int {
		return cmp.Or(cmp.Compare(a.LOC, b.LOC), strings.Compare(a.Module, b.Module), toolIndex(a.Tool)-toolIndex(b.Tool))
	})
	return cells
}

// toolIndex returns the position of the tool called name in a round.
func toolIndex(name string) int {
	return slices.IndexFunc(tools, func(t tool) bool { return t.Name == name })
}

// toolTitle returns the title of the tool called name.
func toolTitle(name string) string {
	if t, ok := toolNamed(name); ok {
		return t.Title
	}
	return name
}

var summaryHeader = []string{
	"module", "loc", "tool", "runs", "timeouts", "failed",
	"wall_median_s", "wall_min_s", "wall_max_s", "cpu_median_s",
	"max_rss_median_mib", "max_rss_max_mib",
	"vs_govet_median", "vs_govet_min", "vs_govet_max",
	"vs_staticcheck_median", "vs_staticcheck_min", "vs_staticcheck_max",
	"rss_vs_staticcheck_median", "s_per_kloc",
}

// writeSummary writes cells as CSV; empty fields have no value.
func writeSummary(w io.Writer, cells []cell) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(summaryHeader); err != nil {
		return err
	}
	f := func(s stat, v float64) string {
		if s.N == 0 {
			return ""
		}
		return strconv.FormatFloat(v, 'f', 3, 64)
	}
	for _, c := range cells {
		perKLOC := ""
		if c.Wall.N > 0 && c.LOC > 0 {
			perKLOC = strconv.FormatFloat(c.Wall.Med/c.kloc(), 'f', 4, 64)
		}
		err := cw.Write([]string{
			c.Module, strconv.Itoa(c.LOC), c.Tool,
			strconv.Itoa(c.Runs), strconv.Itoa(c.Timeouts), strconv.Itoa(c.Failed),
			f(c.Wall, c.Wall.Med), f(c.Wall, c.Wall.Min), f(c.Wall, c.Wall.Max), f(c.CPU, c.CPU.Med),
			f(c.RSS, c.RSS.Med), f(c.RSS, c.RSS.Max),
			f(c.VsGovet, c.VsGovet.Med), f(c.VsGovet, c.VsGovet.Min), f(c.VsGovet, c.VsGovet.Max),
			f(c.VsStaticcheck, c.VsStaticcheck.Med), f(c.VsStaticcheck, c.VsStaticcheck.Min), f(c.VsStaticcheck, c.VsStaticcheck.Max),
			f(c.RSSVsStaticcheck, c.RSSVsStaticcheck.Med), perKLOC,
		})
		if err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// secs formats a duration in seconds with about three significant digits.
func secs(v float64) string {
	switch {
	case v < 10:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case v < 100:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

// spread formats a median and its range.
func spread(s stat, format func(float64) string) string {
	if s.N == 0 {
		return "—"
	}
	if s.N == 1 {
		return format(s.Med)
	}
	return fmt.Sprintf("%s (%s–%s)", format(s.Med), format(s.Min), format(s.Max))
}

func ratio(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

func mib(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) }

// wallText formats a cell's median wall time, with its timeouts and
// failures.
func wallText(c cell, withRange bool) string {
	if c.Wall.N == 0 {
		if c.Timeouts > 0 {
			return "timeout"
		}
		return "—"
	}
	s := secs(c.Wall.Med)
	if withRange {
		s = spread(c.Wall, secs)
	}
	if c.Timeouts > 0 {
		s += fmt.Sprintf(" + %d timeout", c.Timeouts)
	}
	if c.Failed > 0 {
		s += " †"
	}
	return s
}

// coldMark formats the ratio of uncached go vet -vettool to go vet,
// against its target and stretch target.
func coldMark(r float64) string {
	s := ratio(r) + " " + mark(r <= 1)
	if r <= 0.5 {
		s += " (stretch ✓)"
	}
	return s
}

// mark returns ✓ when ok and ✗ otherwise.
func mark(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

// markdown returns the results as markdown: the setup, a table of
// median times, the details, the targets of issue 8 and the plots,
// whose files are in imgDir (a path relative to the document).
func markdown(m machine, runs []run, imgDir string) string {
	cells := summarizeRuns(runs)
	var modules []string
	byModule := make(map[string]map[string]cell)
	var present []string // tools with runs, in round order
	for _, c := range cells {
		if byModule[c.Module] == nil {
			byModule[c.Module] = make(map[string]cell)
			modules = append(modules, c.Module)
		}
		byModule[c.Module][c.Tool] = c
		if !slices.Contains(present, c.Tool) {
			present = append(present, c.Tool)
		}
	}
	slices.SortFunc(present, func(a, b string) int { return toolIndex(a) - toolIndex(b) })

	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	var commits, batches []string
	var loads []float64
	rounds := 0
	for _, r := range runs {
		if !slices.Contains(commits, r.Blockcheck) {
			commits = append(commits, r.Blockcheck)
		}
		if !slices.Contains(batches, r.Start.Format("2006-01-02")) {
			batches = append(batches, r.Start.Format("2006-01-02"))
		}
		if r.Load1 >= 0 {
			loads = append(loads, r.Load1)
		}
		rounds = max(rounds, r.Round)
	}
	slices.Sort(batches)
	p("Measured on %s on %s, blockcheck %s, staticcheck %s; rounds: %d, the tools alternating run by run; timeout %s per run.",
		strings.Join(batches, ", "), m, strings.Join(commits, ", "), m.Staticcheck, rounds, m.Timeout)
	if l := summarize(loads); l.N > 0 {
		p(" Load average (1 min) when a run started: median %.1f, range %.1f–%.1f, on %d cores.", l.Med, l.Min, l.Max, m.Cores)
	}
	p("\n\n")

	// Overview.
	p("Median wall time in seconds:\n\n| module | kLOC |")
	for _, t := range present {
		p(" %s |", toolTitle(t))
	}
	p("\n|---|---:|%s\n", strings.Repeat("---:|", len(present)))
	for _, mod := range modules {
		row := byModule[mod]
		p("| %s | %.0f |", mod, row[present[0]].kloc())
		for _, t := range present {
			c, ok := row[t]
			if !ok {
				p(" — |")
				continue
			}
			p(" %s |", wallText(c, false))
		}
		p("\n")
	}

	// Details.
	p("\nEach tool: wall time and CPU time (user + system) in seconds, peak resident memory of the largest process in MiB, as median (min–max); ratios of wall time against go vet and staticcheck, computed run against run of the same round, as median (min–max).\n\n")
	p("| module | tool | wall s | CPU s | peak RSS MiB | × go vet | × staticcheck |\n|---|---|---:|---:|---:|---:|---:|\n")
	for _, mod := range modules {
		for _, t := range present {
			c, ok := byModule[mod][t]
			if !ok {
				continue
			}
			vg, vs := spread(c.VsGovet, ratio), spread(c.VsStaticcheck, ratio)
			if t == "govet" || t == "govet-warm" {
				vg = "1"
			}
			if t == "staticcheck" || t == "staticcheck-warm" {
				vs = "1"
			}
			p("| %s | %s | %s | %s | %s | %s | %s |\n", mod, toolTitle(t), wallText(c, true), spread(c.CPU, secs), spread(c.RSS, mib), vg, vs)
		}
	}
	if slices.ContainsFunc(cells, func(c cell) bool { return c.Failed > 0 }) {
		p("\n† Some runs exited with a code that the tool does not use for findings; runs.csv has them.\n")
	}

	// Targets.
	p("\n### Targets\n\n")
	p("Medians of the pair-by-pair ratios; ✓ met, ✗ missed.\n\n")
	p("| module | uncached vet ÷ go vet (≤ 1.0; stretch ≤ 0.5) | warm vet, s (≤ 1), beside go vet warm | blockcheck ÷ staticcheck, time (≤ 0.5) | blockcheck ÷ staticcheck, peak memory (< 1) | blockcheck warm, s (≤ 1), beside staticcheck warm |\n|---|---:|---:|---:|---:|---:|\n")
	var coldRatios, warmTimes, timeRatios, memRatios, standaloneWarm []float64
	for _, mod := range modules {
		row := byModule[mod]
		p("| %s |", mod)
		if c := row["vet-cold"]; c.VsGovet.N > 0 {
			coldRatios = append(coldRatios, c.VsGovet.Med)
			p(" %s |", coldMark(c.VsGovet.Med))
		} else {
			p(" — |")
		}
		if c := row["vet-warm"]; c.Wall.N > 0 {
			warmTimes = append(warmTimes, c.Wall.Med)
			p(" %s (max %s) %s", secs(c.Wall.Med), secs(c.Wall.Max), mark(c.Wall.Med <= 1 && c.Timeouts == 0))
			if g := row["govet-warm"]; g.Wall.N > 0 {
				p("; go vet: %s", secs(g.Wall.Med))
			}
			p(" |")
		} else {
			p(" %s |", wallText(row["vet-warm"], false))
		}
		if c := row["standalone"]; c.VsStaticcheck.N > 0 {
			timeRatios = append(timeRatios, c.VsStaticcheck.Med)
			p(" %s %s |", ratio(c.VsStaticcheck.Med), mark(c.VsStaticcheck.Med <= 0.5))
		} else {
			p(" — |")
		}
		if c := row["standalone"]; c.RSSVsStaticcheck.N > 0 {
			memRatios = append(memRatios, c.RSSVsStaticcheck.Med)
			p(" %s %s |", ratio(c.RSSVsStaticcheck.Med), mark(c.RSSVsStaticcheck.Med < 1))
		} else {
			p(" — |")
		}
		if c := row["standalone-warm"]; c.Wall.N > 0 {
			standaloneWarm = append(standaloneWarm, c.Wall.Med)
			p(" %s (max %s) %s", secs(c.Wall.Med), secs(c.Wall.Max), mark(c.Wall.Med <= 1 && c.Timeouts == 0))
			if s := row["staticcheck-warm"]; s.Wall.N > 0 {
				p("; staticcheck: %s", secs(s.Wall.Med))
			}
			if c.VsStaticcheck.N > 0 {
				p(", × %s", ratio(c.VsStaticcheck.Med))
			}
			p(" |")
		} else {
			p(" %s |", wallText(row["standalone-warm"], false))
		}
		p("\n")
	}
	if len(modules) > 1 {
		p("| all: geometric mean (warm: slowest) |")
		if len(coldRatios) > 0 {
			p(" %s |", coldMark(geomean(coldRatios)))
		} else {
			p(" — |")
		}
		slowest := func(times []float64) {
			if len(times) == 0 {
				p(" — |")
				return
			}
			worst := slices.Max(times)
			p(" %s %s |", secs(worst), mark(worst <= 1))
		}
		slowest(warmTimes)
		for _, col := range []struct {
			ratios []float64
			target func(float64) bool
		}{
			{timeRatios, func(r float64) bool { return r <= 0.5 }},
			{memRatios, func(r float64) bool { return r < 1 }},
		} {
			if len(col.ratios) == 0 {
				p(" — |")
				continue
			}
			g := geomean(col.ratios)
			p(" %s %s |", ratio(g), mark(col.target(g)))
		}
		slowest(standaloneWarm)
		p("\n")
	}

	// Cost per line.
	if len(modules) > 1 {
		smallest := modules[0] // cells are ordered by size
		p("\nCost per line: median wall time per thousand lines, in milliseconds, and in parentheses its ratio to that of the smallest module, %s (target for blockcheck: ≤ 2 on every module).\n\n| module | kLOC |", smallest)
		for _, t := range present {
			p(" %s |", toolTitle(t))
		}
		p("\n|---|---:|%s\n", strings.Repeat("---:|", len(present)))
		for _, mod := range modules {
			row := byModule[mod]
			p("| %s | %.0f |", mod, row[present[0]].kloc())
			for _, t := range present {
				c, ok := row[t]
				base, okBase := byModule[smallest][t]
				if !ok || c.Wall.N == 0 || c.LOC == 0 {
					p(" — |")
					continue
				}
				cost := c.Wall.Med / c.kloc()
				if !okBase || base.Wall.N == 0 || base.LOC == 0 {
					p(" %.0f |", 1000*cost)
					continue
				}
				rel := cost / (base.Wall.Med / base.kloc())
				flag := ""
				if t == "vet-cold" || t == "standalone" || t == "program" {
					flag = " " + mark(rel <= 2)
				}
				p(" %.0f (%s)%s |", 1000*cost, ratio(rel), flag)
			}
			p("\n")
		}
	}

	if imgDir != "" {
		p("\n![Median wall time against lines of code, one line per tool](%s/loc-vs-time.png)\n", imgDir)
		p("\n![Median wall time per thousand lines against lines of code](%s/cost-per-kloc.png)\n", imgDir)
	}
	return b.String()
}

// geomean returns the geometric mean of xs, or NaN if xs is empty.
func geomean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range xs {
		s += math.Log(x)
	}
	return math.Exp(s / float64(len(xs)))
}
