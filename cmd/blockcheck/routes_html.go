package main

import (
	_ "embed"
	"html/template"
	"io"
	"slices"
	"strings"
)

// The HTML map is one self-contained page: inline CSS and JavaScript,
// an inline SVG chart, no external assets. Everything it shows works
// without JavaScript (rows expand with <details>); sorting and
// filtering need it. Filters can be preset in the address's fragment:
// #category=cpu-heavy&status=reported&framework=chi&file=api&open=all.

//go:embed routes.html
var routesHTML string

var routesTemplate = template.Must(template.New("routes").Funcs(template.FuncMap{
	"href":   hrefOf,
	"method": methodOf,
}).Parse(routesHTML))

// An htmlPage is what the template draws.
type htmlPage struct {
	Summary    mapSummary
	Chart      []chartBar
	ChartH     int
	Categories []string
	Frameworks []string
	Routes     []htmlRow
	Unrouted   []htmlRow
}

// A chartBar is one bar of the chart of routes per category.
type chartBar struct {
	Label string
	Class string
	Count int
	Y     int // top of the bar
	Width int // in pixels, of chartWidth
}

// chartWidth is the width of the chart's longest bar.
const chartWidth = 240

// An htmlRow is a route, or a handler without a route.
type htmlRow struct {
	Method, Pattern, Framework string
	Registered                 string
	Handler, HandlerAt         string
	File                       string // the handler's file, for the filter
	Reach                      []mapReach
	Badges                     []badge
	// Categories and Statuses list the row's categories and statuses,
	// space-separated, for the filters; Severity orders rows by what
	// they reach (higher is worse).
	Categories, Statuses string
	Severity             int
}

// A badge counts the sinks of one category and status in a row.
type badge struct {
	Category, Status string
	Count            int
}

// writeMapHTML writes the map as an HTML page.
func writeMapHTML(w io.Writer, rm routeMap) error {
	page := htmlPage{Summary: rm.Summary}
	frameworks := make(map[string]bool)
	for _, r := range rm.Routes {
		page.Routes = append(page.Routes, rowOf(r.Method, r.Pattern, r.Framework, r.Registered, r.Handler, r.HandlerAt, r.Reach))
		frameworks[r.Framework] = true
	}
	for _, h := range rm.Unrouted {
		page.Unrouted = append(page.Unrouted, rowOf("", "", h.Framework, "", h.Handler, h.HandlerAt, h.Reach))
		frameworks[h.Framework] = true
	}
	for f := range frameworks {
		page.Frameworks = append(page.Frameworks, f)
	}
	slices.Sort(page.Frameworks)
	for _, c := range rm.Summary.PerCategory {
		page.Categories = append(page.Categories, c.Category)
	}
	page.Chart = chart(rm.Summary)
	page.ChartH = len(page.Chart) * 30
	return routesTemplate.Execute(w, page)
}

// rowOf returns the row of a route or handler.
func rowOf(method, pattern, framework, registered, handler, at string, reach []mapReach) htmlRow {
	row := htmlRow{
		Method: method, Pattern: pattern, Framework: framework, Registered: registered,
		Handler: handler, HandlerAt: at, File: fileOf(at), Reach: reach,
	}
	if row.File == "" {
		row.File = fileOf(registered)
	}
	var cats, statuses []string
	for _, r := range reach {
		if !slices.Contains(cats, r.Category) {
			cats = append(cats, r.Category)
		}
		if !slices.Contains(statuses, r.Status) {
			statuses = append(statuses, r.Status)
		}
		i := slices.IndexFunc(row.Badges, func(b badge) bool { return b.Category == r.Category && b.Status == r.Status })
		if i < 0 {
			row.Badges = append(row.Badges, badge{Category: r.Category, Status: r.Status})
			i = len(row.Badges) - 1
		}
		row.Badges[i].Count++
		if r.Status == statusReported {
			row.Severity += severity(r.Category)
		}
	}
	switch {
	case at == "":
		statuses = append(statuses, "unknown")
	case len(reach) == 0:
		statuses = append(statuses, "clean")
	}
	row.Categories, row.Statuses = strings.Join(cats, " "), strings.Join(statuses, " ")
	return row
}

// severity weighs a reported sink of category c for sorting rows.
func severity(c string) int {
	switch c {
	case "cpu-heavy":
		return 100
	case "blocking":
		return 10
	}
	return 1
}

// chart returns the bars of the chart: the routes that reach each
// category (reported or not), then those that offload, those that
// reach nothing, and those whose handler is not known.
func chart(s mapSummary) []chartBar {
	var bars []chartBar
	for _, c := range s.PerCategory {
		bars = append(bars, chartBar{Label: c.Category, Class: c.Category, Count: c.Routes})
	}
	bars = append(bars,
		chartBar{Label: "offloaded", Class: "offloaded", Count: s.Offloaded},
		chartBar{Label: "clean", Class: "clean", Count: s.Clean},
		chartBar{Label: "handler not known", Class: "unknown", Count: s.Unknown})
	most := 1
	for _, b := range bars {
		most = max(most, b.Count)
	}
	for i := range bars {
		bars[i].Y = i * 30
		bars[i].Width = bars[i].Count * chartWidth / most
	}
	return bars
}

// fileOf returns the file of a "file:line" or "file:line:col" position.
func fileOf(posn string) string {
	for range 2 {
		i := strings.LastIndexByte(posn, ':')
		if i < 0 || strings.ContainsFunc(posn[i+1:], func(r rune) bool { return r < '0' || r > '9' }) {
			break
		}
		posn = posn[:i]
	}
	return posn
}

// hrefOf returns the link to a "file:line[:col]" position: the file,
// relative to where blockcheck ran, with a #L<line> fragment as code
// hosts and editors' previews read it.
func hrefOf(posn string) string {
	file := fileOf(posn)
	rest := strings.TrimPrefix(posn, file)
	line, _, _ := strings.Cut(strings.TrimPrefix(rest, ":"), ":")
	if line == "" {
		return file
	}
	return file + "#L" + line
}
