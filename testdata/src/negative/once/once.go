// Package once checks that work done once, lazily, is not reported.
package once

import (
	"net/http"
	"regexp"
	"sync"

	"heavy"
)

var (
	once   sync.Once
	secret []byte
)

var pattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z]+$`) })

func handle(w http.ResponseWriter, r *http.Request) {
	once.Do(func() { secret = heavy.Hash("init") })
	pattern().MatchString(r.FormValue("name"))
	w.Write(secret)
}
