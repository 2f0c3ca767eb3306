// Package router is a stub of github.com/fasthttp/router for tests.
package router

import "github.com/valyala/fasthttp"

type Router struct{}

type Group struct{}

func New() *Router { return &Router{} }

func (r *Router) GET(path string, handler fasthttp.RequestHandler)            {}
func (r *Router) POST(path string, handler fasthttp.RequestHandler)           {}
func (r *Router) Handle(method, path string, handler fasthttp.RequestHandler) {}
func (r *Router) Group(path string) *Group                                    { return &Group{} }
func (r *Router) Handler(ctx *fasthttp.RequestCtx)                            {}
func (g *Group) GET(path string, handler fasthttp.RequestHandler)             {}
func (g *Group) POST(path string, handler fasthttp.RequestHandler)            {}
func (g *Group) Group(path string) *Group                                     { return g }
