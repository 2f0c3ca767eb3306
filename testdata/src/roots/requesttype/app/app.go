// Package app stands for an application framework with request types
// of its own, in the three shapes the request-type rule recognises: an
// event that embeds a struct holding the response writer and the
// request; a context that embeds a *Base holding them in unexported
// fields of its own types; and an interface with methods that return
// them. It also holds the shapes that are not request types.
package app

import (
	"net/http"
	"time"
)

// Event holds what a router gives a handler.
type Event struct {
	Response http.ResponseWriter
	Request  *http.Request
}

// RequestEvent is what the application's handlers take.
type RequestEvent struct {
	Event
	App *App
}

// App is the application.
type App struct{ name string }

// OnRequest registers a handler.
func (a *App) OnRequest(path string, h func(e *RequestEvent) error) {}

// ResponseWriter is the framework's own writer interface.
type ResponseWriter interface {
	http.ResponseWriter
	Status() int
}

type base struct {
	req  *http.Request
	resp ResponseWriter
}

// Context embeds the request and writer two levels down.
type Context struct {
	*base
	Data map[string]any
}

// Ctx gives the request and the writer through methods.
type Ctx interface {
	Request() *http.Request
	Response() http.ResponseWriter
}

// Call is an outbound client call: it holds a request, but no response
// writer, so it is no request type.
type Call struct {
	Req     *http.Request
	Retries int
}

// Do sends the call, sleeping between attempts.
func (c *Call) Do() (*http.Response, error) { // want Do:"reaches time.Sleep"
	for i := 0; ; i++ {
		resp, err := http.DefaultClient.Do(c.Req)
		if err == nil || i == c.Retries {
			return resp, err
		}
		time.Sleep(time.Second)
	}
}

// Exchange has a Request method, but what it answers with is an
// *http.Response: a client's view, not a server context.
type Exchange interface {
	Request() *http.Request
	Response() *http.Response
}
