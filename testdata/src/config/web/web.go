// Package web stands for a framework blockcheck does not know: its
// Context is configured as a root parameter.
package web

type Context struct{ Path string }
