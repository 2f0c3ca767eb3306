// Package noanswer checks that a root with the request's context but
// no way to answer a shed request (no response writer, no error to
// return) gets no offload fix, and says why.
package noanswer

import (
	"context"

	"fix/helpers"
)

func Serve(ctx context.Context, pw string) { // want Serve:"reaches bcrypt.GenerateFromPassword"
	helpers.Touch(pw) // want `no suggested fix: there is no way to answer the request in Serve`
}
