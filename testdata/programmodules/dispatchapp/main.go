// Command dispatchapp checks how whole-program mode follows dynamic
// calls into and inside dependencies (issue 17), each library in a
// module of its own. It finds, as on real applications:
//
//   - a closure built by a dependency's constructor, kept by the
//     application and called per request, which calls back the
//     handler it was given (libzip, as fasthttp's compressing handler);
//   - a handler that a dependency returns, whose real handler is made
//     inside a sync.Once on first use (libfiles);
//   - a callback that the application gives a library, through a
//     helper and an options struct (libcache's OnMiss).
//
// It stays silent on a pool's connection set-up: the key derivation
// that pgx runs when its pool (puddle) opens a connection is shared out
// over the connection's life (libpgx's Pool.Exec), while opening a
// connection per request is reported (libpgx.Connect).
//
// It stays silent on false hops: an application's func() closures,
// which never reach a library, are not what the library's private
// []func() of eviction callbacks holds (libcache); and a field that one
// constructor sets to two implementations for two kinds of objects
// (libcql, as gocql, a false alarm on jaeger) is not followed. Nor,
// for the same reason, are two more patterns of the issue, misses left:
// a dependency's interface call with two implementations of its own
// made at start-up (libauth, as htpasswd's matchers) and a hooks
// package's interface chosen at start-up (libhookcfg). A call graph
// that merges what one field holds across all objects cannot tell these
// from libcql.
package main

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"net"
	"net/http"
	"os"

	"example.com/libauth"
	"example.com/libcache"
	"example.com/libcql"
	"example.com/libfiles"
	"example.com/libhookcfg"
	"example.com/libpgx"
	"example.com/libzip"
)

// basicAuth checks the user against a password file loaded at start-up.
type basicAuth struct {
	file *libauth.File
	next http.Handler
}

func (a *basicAuth) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	user, pw, _ := r.BasicAuth()
	if !a.file.Match(user, pw) { // a miss: two implementations
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	a.next.ServeHTTP(w, r)
}

// render is the application's handler, which compression wraps.
func render(c *libzip.Ctx) {
	c.Body, _ = pbkdf2.Key(sha256.New, c.Path, nil, 600000, 32)
}

// compressed calls a handler that libzip made, kept in a variable.
type compressed struct{ compressor libzip.Handler }

func (s *compressed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := &libzip.Ctx{Path: r.URL.Path}
	s.compressor(c) // want `pbkdf2.Key via libzip.CompressHandlerLevel.func1 → main.render`
	w.Write(c.Body)
}

// config is the application's configuration, whose callbacks a hooks
// package sets.
type config struct {
	BeforeCreate func(name string) error
}

type projects struct{ config *config }

func (h *projects) create(w http.ResponseWriter, r *http.Request) {
	if h.config.BeforeCreate != nil {
		h.config.BeforeCreate(r.FormValue("name")) // a miss: two implementations
	}
}

// settings reads a cached setting: the cache's eviction callbacks are
// its own, not the application's shutdown hooks; a miss loads the
// setting from a remote store.
type settings struct{ cache *libcache.Cache }

func (s *settings) get(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(s.cache.Get(r.FormValue("key")))) // want `net.Dial via libcache.Cache.Get → main.loadSetting`
}

func loadSetting(key string) string {
	conn, err := net.Dial("tcp", "settings:7000")
	if err != nil {
		return ""
	}
	defer conn.Close()
	return key
}

func newCache(load func(string) string) *libcache.Cache {
	return libcache.New(libcache.Options{OnMiss: load})
}

// shutdown holds the application's own hooks.
var shutdown []func()

func rotateKeys() { pbkdf2.Key(sha256.New, "secret", nil, 600000, 32) }

var session = libcql.NewSession([]string{"db"})

func services(w http.ResponseWriter, r *http.Request) {
	session.Query(r.FormValue("q"))
}

// store queries the database through a pool, or opens a connection per
// request.
type store struct{ pool *libpgx.Pool }

func (s *store) list(w http.ResponseWriter, r *http.Request) {
	s.pool.Exec(r.Context(), "SELECT 1")
}

func (s *store) login(w http.ResponseWriter, r *http.Request) {
	libpgx.Connect(r.Context(), r.FormValue("password")) // want `pbkdf2.Key via libpgx.Connect`
}

func main() {
	file := libauth.New([]string{"admin:salt$hash"}, libauth.DefaultSystems)
	http.Handle("/admin/", &basicAuth{file: file, next: http.NotFoundHandler()})

	http.Handle("/render/", &compressed{compressor: libzip.CompressHandlerLevel(render, 5)})

	cfg := &config{}
	libhookcfg.Load(os.Getenv("HOOKS")).AttachBeforeCreate(&cfg.BeforeCreate)
	p := &projects{config: cfg}
	http.HandleFunc("/projects", p.create)

	files := libfiles.NewHandler("/srv")
	http.HandleFunc("/thumbs/", func(w http.ResponseWriter, r *http.Request) {
		files(w, r) // want `png.Encode`
	})

	s := &settings{cache: newCache(loadSetting)}
	s.cache.Set("theme", "dark")
	http.HandleFunc("/settings", s.get)
	shutdown = append(shutdown, rotateKeys, func() { rotateKeys() })

	http.HandleFunc("/services", services)
	st := &store{pool: libpgx.NewPool(os.Getenv("PGPASSWORD"))}
	http.HandleFunc("/list", st.list)
	http.HandleFunc("/login", st.login)
	http.ListenAndServe(":8080", nil)
	for _, f := range shutdown {
		f()
	}
}
