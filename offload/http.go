package offload

import (
	"context"
	"errors"
	"log"
	"net/http"
	"strconv"
)

// RetryAfter is the number of seconds WriteError sends in the Retry-After
// header of a 503 response.
const RetryAfter = 1

// StatusClientClosedRequest is the status [HTTPStatus] returns for a
// canceled context: 499, the code nginx logs when the client went away
// before the response. No client ever sees it; it is for logs and metrics.
const StatusClientClosedRequest = 499

// HTTPStatus returns the HTTP status code that fits err, an error returned
// by this package's functions, for frameworks that write responses in
// their own way:
//
//   - nil: 200 OK;
//   - [ErrOverloaded], [ErrClosed]: 503 Service Unavailable, to be sent with
//     a Retry-After header;
//   - [context.Canceled]: [StatusClientClosedRequest] (499), as the client
//     has gone and nothing should be written;
//   - [context.DeadlineExceeded]: 504 Gateway Timeout;
//   - a [*PanicError], whatever its value: 500 Internal Server Error, as a
//     panic is a bug;
//   - anything else, such as the task's own errors: 500.
//
// Wrapped errors are matched with [errors.Is].
func HTTPStatus(err error) int {
	var perr *PanicError
	switch {
	case err == nil:
		return http.StatusOK
	case errors.As(err, &perr):
		// A panic is a bug, whatever its value wraps.
		return http.StatusInternalServerError
	case errors.Is(err, ErrOverloaded), errors.Is(err, ErrClosed):
		return http.StatusServiceUnavailable
	case errors.Is(err, context.Canceled):
		return StatusClientClosedRequest
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusGatewayTimeout
	default:
		return http.StatusInternalServerError
	}
}

// WriteError writes the response that fits err, an error returned by this
// package's functions, with the status [HTTPStatus] gives:
//
//   - for [ErrOverloaded] and [ErrClosed], 503 with "Retry-After: 1" (see
//     [RetryAfter]), so that clients and load balancers back off;
//   - for [context.Canceled], nothing at all: in a handler it means the
//     request's context ended because the client went away, so there is
//     nobody to answer (WriteError cannot tell whose context it was);
//   - for [context.DeadlineExceeded], 504;
//   - otherwise 500.
//
// The body is the status text, never err's text, which may hold details
// meant for the server's operators. A [*PanicError] is logged with its
// stack through the standard [log] package, as net/http logs a panicking
// handler, so that moving a call into a pool does not make its panics
// silent; WriteError logs nothing else. It does nothing if err is nil.
func WriteError(w http.ResponseWriter, err error) {
	code := HTTPStatus(err)
	switch code {
	case http.StatusOK, StatusClientClosedRequest:
		return
	case http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", strconv.Itoa(RetryAfter))
	}
	var perr *PanicError
	if errors.As(err, &perr) {
		log.Print(perr)
	}
	http.Error(w, http.StatusText(code), code)
}
