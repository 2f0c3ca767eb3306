// Package regexpcache is a regression test for a false alarm found on
// perses in whole-program mode: cuelang.org/go compiles a regexp on
// first use and keeps it in a field of the value (adt.OpContext.regexp),
// so later requests do not compile it again. A regexp compiled into a
// field, a global or a map is cached, not compiled per request.
package regexpcache

import (
	"net/http"
	"regexp"
	"sync"
)

type pattern struct {
	src string
	re  *regexp.Regexp
}

func (p *pattern) get() *regexp.Regexp {
	if p.re == nil {
		p.re = regexp.MustCompile(p.src)
	}
	return p.re
}

var (
	mu    sync.Mutex
	cache = map[string]*regexp.Regexp{}
	last  *regexp.Regexp
)

func compile(src string) (*regexp.Regexp, error) {
	mu.Lock()
	defer mu.Unlock()
	if re, ok := cache[src]; ok {
		return re, nil
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, err
	}
	cache[src] = re
	return re, nil
}

func remember(src string) {
	last = regexp.MustCompile(src)
}

var name = &pattern{src: `^[a-z]+$`}

func handle(w http.ResponseWriter, r *http.Request) {
	name.get().MatchString(r.FormValue("name"))
	compile(r.FormValue("pattern"))
	remember(r.FormValue("pattern"))
	regexp.MustCompile(r.FormValue("pattern")).MatchString("x") // want `handle calls regexp.MustCompile`
}
