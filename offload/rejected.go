package offload

import (
	"context"
	"errors"
)

// Rejected reports whether err says that the task did not run to
// completion on its caller's behalf: the pool refused it ([ErrOverloaded],
// [ErrClosed]) or the caller's context ended while the task waited or ran
// ([context.Canceled], [context.DeadlineExceeded]). It returns false for
// nil, for the task's other errors and for a [*PanicError]. A task that
// returns a context error of its own counts as rejected too: its caller's
// answer is the same.
//
// Use it where the task's own errors are handled already, to answer
// offload's errors first, as blockcheck's suggested fixes do:
//
//	u, err := offload.Do(r.Context(), func() (*User, error) { return auth.Register(name, pw) })
//	if offload.Rejected(err) {
//		offload.WriteError(w, err)
//		return
//	}
//	if err != nil {
//		// the task's own error, as before
//	}
func Rejected(err error) bool {
	var perr *PanicError
	if err == nil || errors.As(err, &perr) {
		return false
	}
	return errors.Is(err, ErrOverloaded) || errors.Is(err, ErrClosed) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
