// Package generic: a handler that is a method of a generic type, which
// reaches its store through an interface of the type parameter
// (perses's toolbox[T], behind all its CRUD endpoints). Calls through
// the type parameter resolve only in the instantiations, so those are
// analysed and reported as the root, at the handler's own call sites,
// once per call site and category (the first instance that reaches a
// category speaks for the others: toolbox[int] for toolbox[string],
// while toolbox[[]byte] adds the CPU-heavy finding): a regression test
// for the findings that whole-program mode lost on perses.
package generic

import (
	"bytes"
	"database/sql"
	"image"
	"net/http"
	"time"
)

type Service[T any] interface{ Get(name string) (T, error) }

type dashboards struct{ db *sql.DB }

func (s dashboards) Get(name string) (string, error) {
	var v string
	err := s.db.QueryRow("SELECT v FROM dashboards WHERE name = $1", name).Scan(&v)
	return v, err
}

type datasources struct{}

func (datasources) Get(name string) (int, error) {
	time.Sleep(time.Second)
	return 0, nil
}

type avatars struct{}

func (avatars) Get(name string) ([]byte, error) {
	image.Decode(bytes.NewReader([]byte(name)))
	return nil, nil
}

type toolbox[T any] struct{ svc Service[T] }

func (t *toolbox[T]) Get(w http.ResponseWriter, r *http.Request) {
	t.svc.Get(r.URL.Path) // want `toolbox\.Get calls image\.Decode via generic\.avatars\.Get` `toolbox\.Get calls time\.Sleep via generic\.datasources\.Get`
}

// Toolbox is what the routes hold.
type Toolbox interface {
	Get(w http.ResponseWriter, r *http.Request)
}

type endpoint struct{ tb Toolbox }

// get reaches the toolbox dynamically: the toolbox reports itself.
func (e *endpoint) get(w http.ResponseWriter, r *http.Request) { e.tb.Get(w, r) }

// boxed makes an interface of a type with its type parameter: rapid
// type analysis must see it only in its instances (a crash on
// inbucket).
func boxed[T any](v T) any { return []T{v} }

func Register(mux *http.ServeMux, db *sql.DB) {
	_ = boxed(1)
	d := &endpoint{tb: &toolbox[string]{svc: dashboards{db}}}
	s := &endpoint{tb: &toolbox[int]{svc: datasources{}}}
	a := &endpoint{tb: &toolbox[[]byte]{svc: avatars{}}}
	mux.HandleFunc("/dashboards", d.get)
	mux.HandleFunc("/datasources", s.get)
	mux.HandleFunc("/avatars", a.get)
}
