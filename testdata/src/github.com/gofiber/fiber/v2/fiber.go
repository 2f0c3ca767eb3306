// Package fiber is a stub of github.com/gofiber/fiber/v2 for tests.
package fiber

import "context"

type Ctx struct{}

func (c *Ctx) UserContext() context.Context { return context.Background() }
func (c *Ctx) Params(key string) string     { return "" }
func (c *Ctx) Body() []byte                 { return nil }
func (c *Ctx) SendString(body string) error { return nil }
func (c *Ctx) Send(body []byte) error       { return nil }
func (c *Ctx) Next() error                  { return nil }

type Handler = func(*Ctx) error

// Router is the interface of fiber's apps and groups.
type Router interface {
	Get(path string, handlers ...Handler) Router
	Post(path string, handlers ...Handler) Router
	Group(prefix string, handlers ...Handler) Router
	Route(prefix string, fn func(router Router), name ...string) Router
}

type App struct{}

func New() *App { return &App{} }

func (a *App) Get(path string, handlers ...Handler) Router                        { return a }
func (a *App) Post(path string, handlers ...Handler) Router                       { return a }
func (a *App) Group(prefix string, handlers ...Handler) Router                    { return a }
func (a *App) Route(prefix string, fn func(router Router), name ...string) Router { return a }
func (a *App) Use(args ...any) Router                                             { return a }
func (a *App) Listen(addr string) error                                           { return nil }
