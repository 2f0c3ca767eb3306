package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The HTML map is checked in a real browser: headless Chromium, driven
// from the command line (--dump-dom, --screenshot), so that neither
// blockcheck's module nor its tests need a browser-automation library.
// The page's filters and expansion are preset from the address's
// fragment, which is how the test drives them.

// chromium returns the path of a Chromium binary. Without one, the test
// is skipped, except in CI (CI=true), where it fails.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed, and CI must run the browser test (apt-get install chromium)")
	}
	t.Skip("chromium is not installed: skipping the browser test of the HTML map (apt-get install chromium to run it)")
	return ""
}

// browse loads url in headless Chromium and returns the DOM once the
// page has loaded and run its script.
func browse(t *testing.T, browser, url string, args ...string) string {
	t.Helper()
	args = append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + t.TempDir()}, args...)
	cmd := exec.Command(browser, append(args, url)...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	var stdout strings.Builder
	cmd.Stdout = &stdout
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", url, err, stderr.String())
	}
	return stdout.String()
}

var (
	rowRE    = regexp.MustCompile(`<tr class="row"[^>]*>`)
	shownRE  = regexp.MustCompile(`<span class="shown" id="shown">([^<]*)</span>`)
	detailRE = regexp.MustCompile(`<details( open="")?>`)
)

// visibleRows returns the data-route of the rows of dom that are shown.
func visibleRows(dom string) []string {
	var routes []string
	for _, tag := range rowRE.FindAllString(dom, -1) {
		if strings.Contains(tag, ` hidden=""`) {
			continue
		}
		_, route, _ := strings.Cut(tag, `data-route="`)
		route, _, _ = strings.Cut(route, `"`)
		routes = append(routes, route)
	}
	return routes
}

// TestRoutesBrowser loads the map of testdata/example in headless
// Chromium and checks the rendered DOM: every route is a row, the
// filter keeps the routes that reach reported CPU-heavy work, and an
// expanded row shows its chain with links to each hop. It saves a
// screenshot to $BLOCKCHECK_ARTIFACTS (CI keeps it), or to the test's
// temporary directory.
func TestRoutesBrowser(t *testing.T) {
	browser := chromium(t)
	out, code := run(t, blockcheck, "-routes", "-format=html", "./testdata/example/...")
	if code != 0 {
		t.Fatalf("blockcheck exited %d:\n%s", code, out)
	}
	page := filepath.Join(t.TempDir(), "map.html")
	if err := os.WriteFile(page, []byte(out), 0o666); err != nil {
		t.Fatal(err)
	}
	url := "file://" + filepath.ToSlash(page)

	dom := browse(t, browser, url, "--dump-dom")
	all := visibleRows(dom)
	want := []string{"/signup", "/login", "/avatar", "/users/{name}", "/status", "/health", "/ready", "/"}
	if strings.Join(all, " ") != strings.Join(want, " ") {
		t.Errorf("rows %q, want %q", all, want)
	}
	if m := shownRE.FindStringSubmatch(dom); m == nil || m[1] != "8 of 8 routes" {
		t.Errorf("counter %q, want 8 of 8 routes", m)
	}
	if strings.Contains(dom, `<details open="">`) {
		t.Error("a row is expanded before anything asks for it")
	}

	dom = browse(t, browser, url+"#category=cpu-heavy&status=reported&open=all", "--dump-dom")
	if got := visibleRows(dom); strings.Join(got, " ") != "/signup /avatar" {
		t.Errorf("with the filter, rows %q, want /signup and /avatar: those that reach reported CPU-heavy work", got)
	}
	if m := shownRE.FindStringSubmatch(dom); m == nil || m[1] != "2 of 8 routes" {
		t.Errorf("counter %q, want 2 of 8 routes", m)
	}
	for _, m := range detailRE.FindAllStringSubmatch(dom, -1) {
		if m[1] == "" {
			t.Error("a row stayed closed after expanding all")
			break
		}
	}
	for _, want := range []string{
		`<a href="testdata/example/auth/auth.go#L14">testdata/example/auth/auth.go:14:15</a> auth.Register → <b>auth.HashPassword</b>`,
		`<span class="what">bcrypt.GenerateFromPassword</span>`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("the expanded chain of /signup lacks %s", want)
		}
	}

	dir := os.Getenv("BLOCKCHECK_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "routes-map.png")
	browse(t, browser, url, "--window-size=1280,1000", "--screenshot="+shot)
	if info, err := os.Stat(shot); err != nil || info.Size() == 0 {
		t.Errorf("no screenshot at %s (%v)", shot, err)
	}
	t.Logf("screenshot: %s", shot)
}
