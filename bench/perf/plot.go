package main

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// plotCost draws, for each tool, a line through its median wall time in
// each module against the module's size, on a logarithmic time axis so
// that go vet's warm runs and staticcheck's show on one plot. With
// perKLOC it draws the time per thousand lines instead. It writes a PNG
// to path.
func plotCost(cells []cell, perKLOC bool, path string) error {
	p := plot.New()
	p.X.Label.Text = "Go lines of code in the module (non-test), thousands"
	if perKLOC {
		p.Title.Text = "Cost per line: median wall time per thousand lines"
		p.Y.Label.Text = "ms per thousand lines (log scale)"
	} else {
		p.Title.Text = "Analysis time against module size"
		p.Y.Label.Text = "median wall time, s (log scale)"
	}
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	p.X.Min = 0
	p.Add(plotter.NewGrid())

	// Name the modules on the x axis, at their sizes.
	var ticks []plot.Tick
	seen := make(map[string]bool)
	for _, c := range cells {
		if !seen[c.Module] && c.LOC > 0 {
			seen[c.Module] = true
			ticks = append(ticks, plot.Tick{Value: c.kloc(), Label: fmt.Sprintf("%s %.0fk", c.Module, c.kloc())})
		}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Tick.Label.Rotation = math.Pi / 6
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter

	n := 0
	ymin, ymax := math.Inf(1), math.Inf(-1)
	for i, t := range tools {
		var xys plotter.XYs
		for _, c := range cells {
			if c.Tool != t.Name || c.Wall.N == 0 || c.Wall.Med <= 0 || c.LOC == 0 {
				continue
			}
			y := c.Wall.Med
			if perKLOC {
				y = 1000 * c.Wall.Med / c.kloc()
			}
			xys = append(xys, plotter.XY{X: c.kloc(), Y: y})
			ymin, ymax = min(ymin, y), max(ymax, y)
		}
		if len(xys) == 0 {
			continue
		}
		slices.SortFunc(xys, func(a, b plotter.XY) int {
			switch {
			case a.X < b.X:
				return -1
			case a.X > b.X:
				return 1
			}
			return 0
		})
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return fmt.Errorf("plotting %s: %v", t.Name, err)
		}
		line.Color = plotutil.Color(i)
		line.Width = vg.Points(1.5)
		points.Color = plotutil.Color(i)
		points.Shape = plotutil.Shape(i)
		p.Add(line, points)
		p.Legend.Add(t.Title, line, points)
		n++
	}
	if n == 0 {
		return fmt.Errorf("no finished runs to plot")
	}
	// Leave the top third of the plot, on the logarithmic axis, to the
	// legend.
	p.Y.Min = ymin / 1.5
	p.Y.Max = ymax * math.Pow(ymax/p.Y.Min, 0.6)
	p.X.Max = p.X.Max * 1.03
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(8)
	p.Legend.YOffs = -vg.Points(12)
	return p.Save(9*vg.Inch, 5.5*vg.Inch, path)
}
