// Package libzip stands for fasthttp's compressing handler (issue 17,
// pattern 2): a constructor returns a closure, which the application
// keeps and calls per request, and which calls the handler it wraps.
package libzip

// Ctx is a request's context.
type Ctx struct {
	Path string
	Body []byte
}

// A Handler handles a request.
type Handler func(c *Ctx)

// CompressHandlerLevel returns a handler that calls next and compresses
// its response at level.
func CompressHandlerLevel(next Handler, level int) Handler {
	return func(c *Ctx) {
		next(c)
		if level > 0 {
			c.Body = append([]byte("z:"), c.Body...)
		}
	}
}
