// Package gin is a stub of github.com/gin-gonic/gin for tests.
package gin

import "net/http"

type Context struct {
	Request *http.Request
	Writer  http.ResponseWriter
}

func (c *Context) JSON(code int, obj any)       {}
func (c *Context) String(code int, s string)    {}
func (c *Context) Param(key string) string      { return "" }
func (c *Context) Query(key string) string      { return "" }
func (c *Context) PostForm(key string) string   { return "" }
func (c *Context) AbortWithStatus(code int)     {}
func (c *Context) Next()                        {}
func (c *Context) Abort()                       {}
func (c *Context) ShouldBindJSON(obj any) error { return nil }

type HandlerFunc func(*Context)

type Engine struct{ RouterGroup }

type RouterGroup struct{}

func (g *RouterGroup) GET(path string, handlers ...HandlerFunc)                {}
func (g *RouterGroup) POST(path string, handlers ...HandlerFunc)               {}
func (g *RouterGroup) PUT(path string, handlers ...HandlerFunc)                {}
func (g *RouterGroup) DELETE(path string, handlers ...HandlerFunc)             {}
func (g *RouterGroup) Any(path string, handlers ...HandlerFunc)                {}
func (g *RouterGroup) Handle(method, path string, handlers ...HandlerFunc)     {}
func (g *RouterGroup) Use(handlers ...HandlerFunc)                             {}
func (g *RouterGroup) Group(path string, handlers ...HandlerFunc) *RouterGroup { return g }

func New() *Engine                         { return &Engine{} }
func Default() *Engine                     { return &Engine{} }
func (e *Engine) Run(addr ...string) error { return nil }
