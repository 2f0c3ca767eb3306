// Package web stands for an in-house framework that blockcheck does not
// know: its Context is declared a root parameter in the plugin's
// settings (root-params).
package web

// A Context carries one request.
type Context struct {
	Path string
}
