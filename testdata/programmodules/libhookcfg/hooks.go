// Package libhookcfg stands for a hooks package (issue 17, pattern 3):
// it stores, in a callback field of the application's configuration, a
// closure that calls Invoke on an interface chosen at start-up, whose
// file-based implementation runs a script.
package libhookcfg

import (
	"os/exec"
	"path/filepath"
)

// An Invoker runs the hooks of an event.
type Invoker interface {
	Invoke(event, arg string) error
}

type none struct{}

func (none) Invoke(event, arg string) error { return nil }

// scripts runs the executable named after the event in dir.
type scripts struct{ dir string }

func (s scripts) Invoke(event, arg string) error {
	_, err := exec.Command(filepath.Join(s.dir, event), arg).Output()
	return err
}

// Hooks are the hooks of a server.
type Hooks struct{ inv Invoker }

// Load returns the hooks of dir; none if dir is empty.
func Load(dir string) *Hooks {
	if dir == "" {
		return &Hooks{inv: none{}}
	}
	return &Hooks{inv: scripts{dir}}
}

// AttachBeforeCreate stores in before a callback that runs the
// before-create hooks.
func (h *Hooks) AttachBeforeCreate(before *func(name string) error) {
	*before = func(name string) error { return h.inv.Invoke("before-create", name) }
}
