// Package rpcuse checks dispatch by reflection across packages: a
// helper of package rpc that dispatches carries what the actions reach
// in its fact, and the methods of a type whose package is not imported
// here are followed through their facts.
package rpcuse

import (
	"net/http"
	"reflect"

	"chain/rpc"
)

func handle(w http.ResponseWriter, r *http.Request) {
	rpc.Dispatch(&rpc.Service{}, r.FormValue("action"), nil) // want `handle calls bcrypt.GenerateFromPassword via rpc.Dispatch → rpc.Service.Batch → heavy.Hash`
}

// indirect dispatches to a *auth.User, whose package it does not import.
func indirect(w http.ResponseWriter, r *http.Request) {
	reflect.ValueOf(rpc.NewUser()).MethodByName(r.FormValue("action")).Call(nil) // want `indirect calls bcrypt.CompareHashAndPassword via auth.User.Login → hash.Check → hash.compare`
}
