package roots

import (
	"go/types"
)

// The request-type rule: a function whose parameters, taken together,
// give it both the request and the response writer is a handler,
// whatever its framework. A parameter gives what it is (an
// *http.Request, an interface with http.ResponseWriter's methods) or
// what it holds, through struct fields, exported or not, embedded or
// not, and through the methods of interfaces that take nothing and
// return one thing, up to maxDepth steps away. This finds the request
// types of frameworks blockcheck has no entry for, and applications'
// own: an event that embeds a struct with Response and Request fields,
// a context that embeds a *Base holding Req and Resp, an interface
// with Request() and Response() methods.
//
// A type that holds only an *http.Request, as outbound client code
// does, gives no response writer and so makes no root; nor does a
// concrete recorder such as httptest.ResponseRecorder, which has the
// writer's methods but is no interface.

// maxDepth bounds how many fields or methods away from a parameter the
// request and the writer may be: a depth of 3 covers the request types
// seen in real frameworks (at most 2) with one step to spare.
const maxDepth = 3

// A gives records what a type gives a function that receives it.
type gives uint8

const (
	givesRequest gives = 1 << iota
	givesWriter
	givesBoth = givesRequest | givesWriter
)

// shapeKey identifies a search: a named type at a remaining depth.
type shapeKey struct {
	named *types.Named
	depth int
}

// shapes memoises the search per named type and depth; it belongs to
// one Finder and is not safe for concurrent use.
type shapes map[shapeKey]gives

// requestShaped reports whether the parameters of sig, taken together,
// give a function both the request and the response writer.
func (s shapes) requestShaped(sig *types.Signature) bool {
	var all gives
	params := sig.Params()
	for i := range params.Len() {
		all |= s.of(params.At(i).Type(), maxDepth)
		if all == givesBoth {
			return true
		}
	}
	return false
}

// of returns what a value of type t gives, looking depth steps deep.
func (s shapes) of(t types.Type, depth int) gives {
	t = deref(t)
	named, _ := t.(*types.Named)
	if named != nil {
		if obj := named.Obj(); obj.Pkg() != nil && obj.Pkg().Path() == "net/http" {
			// net/http's own types are what they are: a Request gives
			// the request, and nothing else there gives a handler's
			// pair (an http.Server holds neither).
			switch obj.Name() {
			case "Request":
				return givesRequest
			case "ResponseWriter":
				return givesWriter
			}
			return 0
		}
		key := shapeKey{named, depth}
		if g, ok := s[key]; ok {
			return g
		}
		s[key] = 0 // breaks cycles: a type that holds itself
		g := s.under(t, depth)
		s[key] = g
		return g
	}
	return s.under(t, depth)
}

// under returns what a value of type t gives through its underlying
// type: an interface's methods, a struct's fields.
func (s shapes) under(t types.Type, depth int) gives {
	switch u := t.Underlying().(type) {
	case *types.Interface:
		var g gives
		if isWriterInterface(u) {
			g = givesWriter
		}
		if depth == 0 {
			return g
		}
		for m := range u.Methods() {
			sig := m.Signature()
			if sig.Params().Len() == 0 && sig.Results().Len() == 1 {
				g |= s.of(sig.Results().At(0).Type(), depth-1)
			}
		}
		return g
	case *types.Struct:
		if depth == 0 {
			return 0
		}
		var g gives
		for f := range u.Fields() {
			g |= s.of(f.Type(), depth-1)
			if g == givesBoth {
				break
			}
		}
		return g
	}
	return 0
}

// isWriterInterface reports whether iface has the methods of
// http.ResponseWriter: Header() http.Header, Write([]byte) (int, error)
// and WriteHeader(int).
func isWriterInterface(iface *types.Interface) bool {
	var header, write, writeHeader bool
	for m := range iface.Methods() {
		sig := m.Signature()
		switch m.Name() {
		case "Header":
			header = sig.Params().Len() == 0 && sig.Results().Len() == 1 && isHTTPHeader(sig.Results().At(0).Type())
		case "Write":
			write = sig.Params().Len() == 1 && sig.Results().Len() == 2
		case "WriteHeader":
			writeHeader = sig.Params().Len() == 1
		}
	}
	return header && write && writeHeader
}

func isHTTPHeader(t types.Type) bool {
	name, ok := nameOf(t)
	return ok && name == typeName{"net/http", "Header"}
}
