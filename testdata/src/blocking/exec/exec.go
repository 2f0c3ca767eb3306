// Package exec covers commands built by exec.Command and waited for,
// and shows that exec.CommandContext, and a command only started, are
// fine.
package exec

import (
	"net/http"
	"os/exec"
)

func convert(w http.ResponseWriter, r *http.Request) {
	out, _ := exec.Command("convert", "in.png", "out.jpg").Output() // want `convert calls exec.Cmd.Output: a command started by exec.Command keeps running after the client has gone; use exec.CommandContext with the request's context`
	w.Write(out)
	cmd := exec.Command("sync")
	cmd.Dir = "/tmp"
	cmd.Run() // want `convert calls exec.Cmd.Run`
	bg := exec.Command("du")
	bg.Start() // started, not waited for here: fine
	bg.Wait()  // want `convert calls exec.Cmd.Wait`

	ok := exec.CommandContext(r.Context(), "convert", "in.png", "out.jpg")
	ok.Run() // fine: the command dies with the request
}

// run waits for a command it did not build: it cannot tell how the
// command was built, so it says nothing.
func run(w http.ResponseWriter, r *http.Request, cmd *exec.Cmd) {
	cmd.Run()
}
