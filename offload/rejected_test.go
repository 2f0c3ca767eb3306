package offload

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestRejected(t *testing.T) {
	own := errors.New("user exists")
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{own, false},
		{ErrOverloaded, true},
		{fmt.Errorf("waited too long: %w", ErrOverloaded), true},
		{ErrClosed, true},
		{context.Canceled, true},
		{context.DeadlineExceeded, true},
		{&PanicError{Value: "boom"}, false},
		{&PanicError{Value: context.Canceled}, false}, // a panic is a bug, whatever it wraps
	} {
		if got := Rejected(tc.err); got != tc.want {
			t.Errorf("Rejected(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

func TestRejectedByPool(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Do(ctx, func() (int, error) { return 0, nil })
	if !Rejected(err) {
		t.Errorf("a task whose context was canceled before it started: Rejected(%v) = false", err)
	}
}
