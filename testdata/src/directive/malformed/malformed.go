// Package malformed checks that directives without a reason, or with an
// unknown verb, are reported and have no effect.
package malformed

import (
	"net/http"
	"time"
)

func handle(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second) //blockcheck:ignore // want `//blockcheck:ignore needs a reason` `handle calls time.Sleep`
	//blockcheck:silence please // want `unknown directive //blockcheck:silence`
	time.Sleep(time.Second) // want `handle calls time.Sleep`
	//blockcheck:heavy here // want `//blockcheck:heavy belongs in a function's doc comment`
}
