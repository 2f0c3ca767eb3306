// Package rpcremote checks dispatch by reflection to the methods of a
// type of another package, which are followed through their facts. It
// mentions no sink and no function with a fact, only reflection: the
// fast path must not skip it.
package rpcremote

import (
	"net/http"
	"reflect"

	"chain/auth"
)

func handle(w http.ResponseWriter, r *http.Request) {
	u := &auth.User{Name: r.FormValue("name")}
	reflect.ValueOf(u).MethodByName(r.FormValue("action")).Call(nil) // want `handle calls bcrypt.CompareHashAndPassword via auth.User.Login → hash.Check → hash.compare`
}
