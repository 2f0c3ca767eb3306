// Package iris is a stub of github.com/kataras/iris/v12: its Context
// is an alias of *context.Context.
package iris

import "github.com/kataras/iris/v12/context"

type Context = *context.Context

type Application struct{}

func New() *Application { return &Application{} }

func (a *Application) Get(path string, h ...context.Handler) {}
