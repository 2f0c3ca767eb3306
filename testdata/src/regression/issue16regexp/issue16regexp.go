// Package issue16regexp is a regression test for issue 16 (pattern 3):
// regexp.Compile(string(ctx.QueryArgs().Peek("r"))) in a handler was
// reported as work to do once. A pattern that comes from the request
// cannot be compiled ahead of time, and Go's regexp runs in time linear
// in its input, so it is no denial of service either: such calls are
// not reported, whatever the framework and however the request's data
// reaches the pattern. Beside each silent case is its control: the same
// call with a constant pattern (reported: compile it once) or with a
// pattern from configuration set at start-up (reported: cache it).
package issue16regexp

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"

	"github.com/gin-gonic/gin"
	"github.com/valyala/fasthttp"
)

// server's fields are set at start-up, from configuration.
type server struct {
	pattern  string
	patterns map[string]string
}

// config is configuration loaded at start-up.
var config = struct{ Pattern string }{Pattern: os.Getenv("PATTERN")}

func form(w http.ResponseWriter, r *http.Request) {
	regexp.MustCompile(r.FormValue("p"))
	regexp.MustCompile(`^[a-z]+$`) // want `form calls regexp.MustCompile: compiling a regular expression on every request repeats work that can be done once; compile it once, at package level or with sync.OnceValue`
}

func query(w http.ResponseWriter, r *http.Request) {
	regexp.Compile(r.URL.Query().Get("q"))
	regexp.Compile(r.URL.RawQuery)
	regexp.Compile(r.PathValue("p"))
	regexp.Compile(r.Header.Get("X-Pattern"))
	regexp.Compile("^" + `[a-z]+` + "$") // want `query calls regexp.Compile: .*; compile it once, at package level or with sync.OnceValue`
}

func body(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	regexp.Compile(string(b))
	var q struct{ Pattern string }
	json.NewDecoder(r.Body).Decode(&q)
	regexp.Compile(q.Pattern)
	regexp.Compile(fmt.Sprintf("^%s{%d}$", `[a-z]`, 3)) // want `body calls regexp.Compile: .*; compile it once, at package level or with sync.OnceValue`
}

// fast is the issue's case, in fasthttp.
func fast(ctx *fasthttp.RequestCtx) {
	regexp.Compile(string(ctx.QueryArgs().Peek("r")))
	regexp.Compile(string(ctx.PostBody()))
	regexp.Compile(`^[a-z]+$`) // want `fast calls regexp.Compile: .*; compile it once, at package level or with sync.OnceValue`
}

func (s *server) framework(c *gin.Context) {
	regexp.MustCompile(c.Param("p"))
	regexp.MustCompile(c.Query("q"))
	regexp.MustCompile(c.PostForm("f"))
	regexp.MustCompile(c.Request.URL.Query().Get("q"))
	regexp.MustCompile(s.pattern) // want `server.framework calls regexp.MustCompile: compiling a regular expression on every request repeats work that can be done once; cache the compiled regexp \(compile it once when the configuration is loaded\)`
}

// built mixes the request into a pattern: a part from the request
// makes the whole pattern the request's.
func (s *server) built(w http.ResponseWriter, r *http.Request) {
	regexp.MustCompile("^" + r.FormValue("p") + "$")
	regexp.MustCompile(regexp.QuoteMeta(r.FormValue("p")))
	regexp.MustCompile(fmt.Sprintf("^%s-%s$", s.pattern, r.FormValue("p")))
	regexp.MustCompile(s.patterns[r.FormValue("k")]) // a key from the request
	regexp.MustCompile("^" + s.pattern + "$")        // want `server.built calls regexp.MustCompile: .*; cache the compiled regexp`
	regexp.MustCompile(s.patterns["name"])           // want `server.built calls regexp.MustCompile: .*; cache the compiled regexp`
}

func choose(w http.ResponseWriter, r *http.Request) {
	p := `^\d+$`
	if r.Method == http.MethodPost {
		p = r.FormValue("p")
	}
	regexp.MustCompile(p)
	q := `^\d+$`
	if r.Method == http.MethodPost {
		q = `^\w+$`
	}
	regexp.MustCompile(q) // want `choose calls regexp.MustCompile: .*; compile it once, at package level or with sync.OnceValue`
}

func captured(w http.ResponseWriter, r *http.Request) {
	p := r.FormValue("p")
	match := func(s string) bool { return regexp.MustCompile(p).MatchString(s) }
	match("x")
	c := `^\d+$`
	check := func(s string) bool { return regexp.MustCompile(c).MatchString(s) }
	check("x") // want `captured calls regexp.MustCompile via issue16regexp.captured.func2: .*; compile it once`
}

// rewritten starts from constants that the request then overwrites.
func rewritten(w http.ResponseWriter, r *http.Request) {
	p := `^\d+$`
	set := func() { p = r.FormValue("p") }
	set()
	regexp.MustCompile(p)
	q := `^\d+$`
	json.Unmarshal([]byte(r.FormValue("q")), &q)
	regexp.MustCompile(q)
	c := `^\d+$`
	regexp.MustCompile(c) // want `rewritten calls regexp.MustCompile: .*; compile it once`
}

// grown repeats a part as many times as the request says.
func grown(w http.ResponseWriter, r *http.Request) {
	p := `^`
	for range len(r.FormValue("n")) {
		p += `a`
	}
	regexp.MustCompile(p)
	q := `^a$`
	for i := range len(r.FormValue("n")) {
		if i%2 == 0 {
			q = `^b$`
		}
	}
	regexp.MustCompile(q) // want `grown calls regexp.MustCompile: .*; compile it once`
}

func match(w http.ResponseWriter, r *http.Request) {
	regexp.MatchString(r.FormValue("p"), "x")
	regexp.MatchString(config.Pattern, r.FormValue("id")) // want `match calls regexp.MatchString: .*; cache the compiled regexp`
}

// matches compiles its parameter: whatever a caller passes is its
// caller's business, which summaries do not resolve per call site.
func matches(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }

func valid(s string) bool { return regexp.MustCompile(`^\d+$`).MatchString(s) }

func helper(w http.ResponseWriter, r *http.Request) {
	matches(r.FormValue("p"), "x")
	matches(`^\d+$`, "x") // not resolved at the call site: a miss, by the rule
	valid("x")            // want `helper calls regexp.MustCompile via issue16regexp.valid: .*; compile it once`
}

// search is decoded from a request's body: its methods' receiver is
// request data.
type search struct{ Pattern string }

func (q *search) compile() (*regexp.Regexp, error) { return regexp.Compile(q.Pattern) }

func decoded(w http.ResponseWriter, r *http.Request) {
	var q search
	json.NewDecoder(r.Body).Decode(&q)
	q.compile()
	regexp.Compile(os.Getenv("PATTERN")) // want `decoded calls regexp.Compile: .*; cache the compiled regexp`
}

// handler makes a handler at start-up, over the server's configuration.
func (s *server) handler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		regexp.MustCompile(r.FormValue("p"))
		regexp.MustCompile(s.pattern) // want `server.handler.func1 calls regexp.MustCompile: .*; cache the compiled regexp`
	}
}

func newHandler(pattern string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		regexp.MustCompile(pattern) // want `newHandler.func1 calls regexp.MustCompile: .*; cache the compiled regexp`
	}
}
