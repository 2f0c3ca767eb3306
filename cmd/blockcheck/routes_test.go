package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// routeApps are the apps of testdata/src/routes, one per router, whose
// maps are checked against goldens in testdata/routes.
var routeApps = []string{"nethttp", "chi", "gorilla", "gin", "echo", "fiber", "fasthttp", "grpc", "connect", "twirp", "huma", "httprouter", "configured"}

// TestRoutesGolden checks the text and JSON maps of each app in
// per-package mode against testdata/routes/APP.txt and APP.json
// (rerun with -update to rewrite them), and that whole-program mode
// draws the same map. (Whole-program mode takes its categories from
// the current directory's .blockcheck.yml, not the package's: the app
// with a configuration of its own is left out of that comparison.)
func TestRoutesGolden(t *testing.T) {
	for _, app := range routeApps {
		t.Run(app, func(t *testing.T) {
			text := gopath(t, "-routes", "routes/"+app)
			golden(t, filepath.Join("..", "routes", app+".txt"), text)
			js := gopath(t, "-routes", "-format=json", "routes/"+app)
			golden(t, filepath.Join("..", "routes", app+".json"), js)
			if app == "configured" {
				return
			}
			if prog := gopath(t, "-routes", "-mode=program", "routes/"+app); prog != text {
				t.Errorf("whole-program mode draws another map:\n%s\n--- per-package mode:\n%s", prog, text)
			}
		})
	}
}

// TestRoutesBaseline checks that -routes reads a baseline without
// writing one, and marks the sinks whose findings it accepts.
func TestRoutesBaseline(t *testing.T) {
	file := filepath.Join(t.TempDir(), "baseline.json")
	gopath(t, "-routes", "-baseline="+file, "routes/chi")
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Fatalf("-routes wrote a baseline (stat: %v)", err)
	}
	gopath(t, "-baseline="+file, "routes/chi") // writes it
	var m routeMap
	if err := json.Unmarshal([]byte(gopath(t, "-routes", "-format=json", "-baseline="+file, "routes/chi")), &m); err != nil {
		t.Fatal(err)
	}
	var statuses []string
	for _, r := range m.Routes {
		for _, x := range r.Reach {
			statuses = append(statuses, x.Status)
		}
	}
	if got := strings.Join(statuses, " "); got != "baselined baselined baselined" {
		t.Errorf("statuses %q, want every sink baselined", got)
	}
	if m.Summary.Reaching != 0 {
		t.Errorf("%d routes reach reported work, want 0: the baseline accepts it all", m.Summary.Reaching)
	}
}

// TestRoutesHTML checks that the HTML map is self-contained and
// escapes what it shows: a pattern and a reason from the code are text,
// never markup.
func TestRoutesHTML(t *testing.T) {
	rm := routeMap{Routes: []mapRoute{{
		Method: "GET", Pattern: "/<script>alert(1)</script>", Framework: "net/http",
		Registered: "a.go:3", Handler: "p.h", HandlerAt: "a.go:9",
		Reach: []mapReach{{Category: "blocking", Sink: "time.Sleep", Status: statusSuppressed, Reason: `"quoted" & <tagged>`,
			Chain: []mapHop{{At: "a.go:10:2", Caller: "p.h", Callee: "time.Sleep"}}}},
	}}}
	rm.Summary = summarise(rm)
	var b strings.Builder
	if err := writeMapHTML(&b, rm); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, bad := range []string{"<script>alert", "<tagged>", " src=", "<link", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;tagged&gt;", `href="a.go#L10"`, `data-status="suppressed"`, "1 of 1 routes"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// TestRoutesExample checks the map of the example application, as the
// README shows it, against testdata/routes/example.txt.
func TestRoutesExample(t *testing.T) {
	out, code := run(t, blockcheck, "-routes", "./testdata/example/...")
	if code != 0 {
		t.Errorf("exit code %d, want 0: the map is not a list of findings", code)
	}
	golden(t, filepath.Join("..", "routes", "example.txt"), out)
}
