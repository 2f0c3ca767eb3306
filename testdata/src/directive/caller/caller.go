// Package caller calls helpers of another package whose directives
// must hold here too.
package caller

import (
	"database/sql"
	"net/http"

	"directive/helper"
	"directive/pdf"
)

func handle(w http.ResponseWriter, r *http.Request) {
	helper.Quick("pw")    // suppressed in helper's doc comment
	helper.Slow(nil)      // want `handle calls time.Sleep via helper.Slow: .* \(this call also reaches sql.DB.Exec\)`
	pdf.Render("invoice") // want `handle calls pdf.Render: lays out and rasterises whole documents \(marked //blockcheck:heavy\); run it with offload`
	var db *sql.DB
	db.Ping() //blockcheck:ignore health endpoint, the pool pings in microseconds
}
