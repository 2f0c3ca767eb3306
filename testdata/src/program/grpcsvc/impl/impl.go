// Package impl implements a gRPC service without embedding the
// generated stub, and without importing the service's package: only
// whole-program mode, which knows every service interface of the
// program, finds that its methods are roots.
package impl

import (
	"bytes"
	"context"
	"image"

	"program/grpcsvc/msgs"
)

type Thumbs struct{}

func (Thumbs) Make(ctx context.Context, req *msgs.Req) (*msgs.Reply, error) {
	image.Decode(bytes.NewReader(req.Data)) // want `Thumbs.Make calls image.Decode: decoding a whole image`
	return &msgs.Reply{}, nil
}
