// Command shop is the module that .ci/precommit.sh commits in a throwaway
// repository to test blockcheck's pre-commit hooks. Its handler reaches
// time.Sleep only through a helper in another package, so a hook that
// looked at the staged files alone, or at one package, would miss it.
package main

import (
	"fmt"
	"net/http"

	"example.com/shop/slow"
)

func report(w http.ResponseWriter, r *http.Request) {
	slow.Wait(r.Context())
	fmt.Fprintln(w, "ready")
}

func main() {
	http.HandleFunc("/report", report)
	if err := http.ListenAndServe("localhost:8080", nil); err != nil {
		fmt.Println(err)
	}
}
