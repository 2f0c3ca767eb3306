// Package regexpcache is a regression test for a false alarm found on
// perses in whole-program mode: cuelang.org/go compiles a regexp on
// first use and keeps it in a field of the value (adt.OpContext.regexp),
// so later requests do not compile it again. A regexp compiled into a
// field, a global or a map is cached, not compiled per request. The
// patterns are constants, so that the cache alone keeps these calls
// silent: a pattern from the request is not reported anyway (see
// issue16regexp).
package regexpcache

import (
	"net/http"
	"regexp"
	"sync"
)

type pattern struct {
	re *regexp.Regexp
}

func (p *pattern) get() *regexp.Regexp {
	if p.re == nil {
		p.re = regexp.MustCompile(`^[a-z]+$`)
	}
	return p.re
}

var (
	mu    sync.Mutex
	cache = map[string]*regexp.Regexp{}
	last  *regexp.Regexp
)

func compile() (*regexp.Regexp, error) {
	mu.Lock()
	defer mu.Unlock()
	if re, ok := cache["id"]; ok {
		return re, nil
	}
	re, err := regexp.Compile(`^\d+$`)
	if err != nil {
		return nil, err
	}
	cache["id"] = re
	return re, nil
}

func remember() {
	last = regexp.MustCompile(`^\d+$`)
}

var name = &pattern{}

func handle(w http.ResponseWriter, r *http.Request) {
	name.get().MatchString(r.FormValue("name"))
	compile()
	remember()
	regexp.MustCompile(`^\d+$`).MatchString(r.FormValue("id")) // want `handle calls regexp.MustCompile`
}
