// Package libhooks stands for a framework that runs hooks after each
// write, as echo's Response does.
package libhooks

import "net/http"

type Response struct {
	http.ResponseWriter
	after []func()
}

// After registers a hook.
func (r *Response) After(f func()) { r.after = append(r.after, f) }

// Send writes b and runs the hooks.
func (r *Response) Send(b []byte) {
	r.ResponseWriter.Write(b)
	for _, f := range r.after {
		f()
	}
}
