// Package flag checks sinks declared with -heavy.
package flag

import "net/http"

type Doc struct{}

func (d *Doc) Render() []byte { return nil } // a sink by flag: no fact needed, callers see the flag too

func Sign(b []byte) []byte { return b }

func handle(w http.ResponseWriter, r *http.Request) {
	var d Doc
	w.Write(Sign(d.Render())) // want `handle calls flag.Sign: it is declared CPU-heavy in blockcheck's configuration; run it with offload` `handle calls flag.Doc.Render`
}
