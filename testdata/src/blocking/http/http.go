// Package http covers outbound HTTP requests without the request's
// context, and shows that requests given a context are fine.
package http

import (
	"context"
	"net/http"
	"net/url"
)

type Proxy struct{ client *http.Client }

func (p *Proxy) handle(w http.ResponseWriter, r *http.Request) {
	http.Get("https://example.com/")                        // want `Proxy.handle calls http.Get: an outbound HTTP request without the request's context keeps running after the client has gone; use http.NewRequestWithContext with the request's context`
	p.client.PostForm("https://example.com/", url.Values{}) // want `Proxy.handle calls http.Client.PostForm`
	req, _ := http.NewRequest("GET", "https://example.com/", nil)
	p.client.Do(req)           // want `Proxy.handle calls http.Client.Do`
	http.DefaultClient.Do(req) // want `Proxy.handle calls http.Client.Do`

	fetch(r.Context(), "https://example.com/") // want `Proxy.handle calls http.Get via http.fetch: .*; http.fetch has a context.Context but does not use it here: use http.NewRequestWithContext with it`

	// Fine: the request carries the request's context.
	req2, _ := http.NewRequestWithContext(r.Context(), "GET", "https://example.com/", nil)
	p.client.Do(req2)
	req3, _ := http.NewRequest("GET", "https://example.com/", nil)
	req3 = req3.WithContext(r.Context())
	p.client.Do(req3)
}

// fetch has a context but does not use it for its request.
func fetch(ctx context.Context, url string) {
	http.Get(url)
}
