// Package app checks that a .blockcheck.yml beside it is read: declared
// sinks and roots, categories and ignored sinks.
package app

import (
	"context"
	"database/sql"
	"time"

	"config/web"
)

func render(name string) []byte { return []byte(name) } // a sink by configuration

type queue struct{}

func (q *queue) push(item string) {} // a sink by configuration

func handle(c *web.Context, db *sql.DB, q *queue) {
	render(c.Path)                            // want `handle calls app.render: it is declared CPU-heavy in blockcheck's configuration; run it with offload`
	q.push(c.Path)                            // want `handle calls app.queue.push: it is declared blocking in blockcheck's configuration`
	time.Sleep(time.Millisecond)              // ignored in configuration
	db.QueryContext(context.Background(), "") // background-context is not among the categories
}
