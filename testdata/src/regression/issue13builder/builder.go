// Package issue13builder is a regression test for a false alarm of the
// rule that reports a background context given to a function that waits
// on its context: a request built with context.Background() by a
// wrapper of a function that only attaches its context to the request
// it builds (as go-retryablehttp's NewRequest) is given the handler's
// context before it is sent. Building is no wait. The control below
// gives context.Background() to a function that does wait.
package issue13builder

import (
	"context"
	"net"
	"net/http"
	"os/exec"
)

// newRequest builds a request with a background context.
func newRequest(method, url string) (*http.Request, error) { // want newRequest:"variant newRequestWithContext"
	return newRequestWithContext(context.Background(), method, url)
}

// newRequestWithContext only attaches ctx to the request it builds.
func newRequestWithContext(ctx context.Context, method, url string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, method, url, nil)
}

// command builds a command with a background context.
func command(name string) *exec.Cmd { // want command:"variant commandContext"
	return commandContext(context.Background(), name)
}

func commandContext(ctx context.Context, name string) *exec.Cmd {
	return exec.CommandContext(ctx, name)
}

// ping dials with its context.
func ping(ctx context.Context) {
	var d net.Dialer
	d.DialContext(ctx, "tcp", "example.com:80")
}

func proxy(w http.ResponseWriter, r *http.Request) {
	req, err := newRequest(http.MethodGet, "http://example.com")
	if err != nil {
		return
	}
	resp, err := http.DefaultClient.Do(req.WithContext(r.Context()))
	if err == nil {
		resp.Body.Close()
	}
	cmd := command("true")
	_ = cmd
	ping(context.Background()) // want `proxy calls issue13builder.ping with context.Background\(\): the call can be cancelled, but not by the request`
}
