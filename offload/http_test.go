package offload

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHTTPStatus(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, http.StatusOK},
		{ErrOverloaded, http.StatusServiceUnavailable},
		{fmt.Errorf("%w: queued for longer than 1s", ErrOverloaded), http.StatusServiceUnavailable},
		{ErrClosed, http.StatusServiceUnavailable},
		{context.Canceled, StatusClientClosedRequest},
		{fmt.Errorf("hashing: %w", context.Canceled), StatusClientClosedRequest},
		{context.DeadlineExceeded, http.StatusGatewayTimeout},
		{newPanicError("boom"), http.StatusInternalServerError},
		{newPanicError(ErrOverloaded), http.StatusInternalServerError}, // a panic is a bug whatever it wraps
		{errors.New("bcrypt: bad cost"), http.StatusInternalServerError},
	} {
		if got := HTTPStatus(tc.err); got != tc.want {
			t.Errorf("HTTPStatus(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

func TestWriteError(t *testing.T) {
	var logged bytes.Buffer
	defer log.SetOutput(log.Writer())
	log.SetOutput(&logged)

	for _, tc := range []struct {
		name       string
		err        error
		code       int // 0: nothing written
		retryAfter string
		log        string
	}{
		{"nil", nil, 0, "", ""},
		{"overloaded", ErrOverloaded, 503, "1", ""},
		{"closed", ErrClosed, 503, "1", ""},
		{"canceled", context.Canceled, 0, "", ""},
		{"deadline", context.DeadlineExceeded, 504, "", ""},
		{"panic", newPanicError("secret detail"), 500, "", "offload: task panicked: secret detail"},
		{"task error", errors.New("secret detail"), 500, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logged.Reset()
			rec := httptest.NewRecorder()
			WriteError(rec, tc.err)
			res := rec.Result()
			if tc.code == 0 {
				if len(rec.Header()) != 0 || rec.Body.Len() != 0 || rec.Flushed {
					t.Errorf("WriteError(%v) wrote header %v, body %q; want nothing", tc.err, rec.Header(), rec.Body)
				}
				return
			}
			if res.StatusCode != tc.code {
				t.Errorf("status = %d, want %d", res.StatusCode, tc.code)
			}
			if got := res.Header.Get("Retry-After"); got != tc.retryAfter {
				t.Errorf("Retry-After = %q, want %q", got, tc.retryAfter)
			}
			if body := rec.Body.String(); strings.Contains(body, "secret") || !strings.Contains(body, http.StatusText(tc.code)) {
				t.Errorf("body = %q, want the status text only", body)
			}
			if tc.log == "" && logged.Len() != 0 {
				t.Errorf("logged %q, want nothing", logged.String())
			}
			if tc.log != "" && (!strings.Contains(logged.String(), tc.log) || !strings.Contains(logged.String(), "goroutine")) {
				t.Errorf("logged %q, want %q and a stack", logged.String(), tc.log)
			}
		})
	}
}
