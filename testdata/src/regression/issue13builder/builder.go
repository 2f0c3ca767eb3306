// Package issue13builder is a regression test for a false alarm of the
// rule that reports a background context given to a function that waits
// on its context: a request built with context.Background() by a
// wrapper of a function that only attaches its context to the request
// it builds (as go-retryablehttp's NewRequest) is given the handler's
// context before it is sent. Building is no wait. The control below
// gives background contexts to functions that do wait: running what
// such a builder made with their context, and dialling.
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

// run runs a command made with its context: the run waits on it.
func run(ctx context.Context) error {
	return exec.CommandContext(ctx, "true").Run()
}

// send sends a request made with its context: the send waits on it.
func send(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://example.com", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	return err
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
	run(context.TODO())        // want `proxy calls issue13builder.run with context.TODO\(\)`
	send(context.Background()) // want `proxy calls issue13builder.send with context.Background\(\)`
	ping(context.Background()) // want `proxy calls issue13builder.ping with context.Background\(\): the call can be cancelled, but not by the request`
}
