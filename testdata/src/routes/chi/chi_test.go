package chi

import (
	"testing"

	"github.com/go-chi/chi/v5"
)

// TestFeeds passes a router to feeds under a prefix of its own: the
// map does not count what tests register, nor the routers they pass.
func TestFeeds(t *testing.T) {
	r := chi.NewRouter()
	r.Route("/test", func(r chi.Router) { (&api{}).feeds(r) })
}
