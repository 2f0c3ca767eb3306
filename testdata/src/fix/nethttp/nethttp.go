// Package nethttp checks the offload fix for every call shape in a
// net/http handler, and the shapes that get no fix, with their reasons.
package nethttp

import (
	"fmt"
	"net/http"

	"fix/helpers"
)

func shapes(w http.ResponseWriter, r *http.Request) {
	name, pw := r.FormValue("name"), r.FormValue("pw")

	helpers.Touch(pw) // want `shapes calls bcrypt.GenerateFromPassword via helpers.Touch`

	hash := helpers.Hash(pw) // want `shapes calls bcrypt.GenerateFromPassword via helpers.Hash`
	w.Write(hash)

	u, err := helpers.Register(name, pw) // want `shapes calls bcrypt.GenerateFromPassword via helpers.Register`
	if err != nil {
		http.Error(w, err.Error(), http.StatusConflict)
		return
	}
	u, err = helpers.Register(u.Name, pw) // want `shapes calls bcrypt.GenerateFromPassword via helpers.Register`
	if err != nil {
		return
	}

	w.Write(helpers.Hash(pw)) // want `shapes calls bcrypt.GenerateFromPassword via helpers.Hash`

	img := helpers.Render(pw) // want `shapes calls bcrypt.GenerateFromPassword via helpers.Render`
	_ = img
}

func errOnly(w http.ResponseWriter, r *http.Request) {
	pw := r.FormValue("pw")
	err := helpers.Check(pw) // want `errOnly calls bcrypt.CompareHashAndPassword via helpers.Check`
	_ = err
}

// hoists reads the request in the call's arguments: the reads move
// to variables above the wrap, in order, and only the call runs on
// offload's goroutine.
func hoists(w http.ResponseWriter, r *http.Request) {
	helpers.Touch(r.FormValue("pw"))                                   // want `hoists calls bcrypt.GenerateFromPassword via helpers.Touch`
	u, err := helpers.Register(r.FormValue("name"), r.FormValue("pw")) // want `hoists calls bcrypt.GenerateFromPassword via helpers.Register`
	if err != nil {
		return
	}
	h := helpers.Hash(string([]byte(r.FormValue("pw")))) // want `hoists calls bcrypt.GenerateFromPassword via helpers.Hash`
	fmt.Fprint(w, u.Name, len(h))
	fmt.Fprint(w, helpers.Hash(r.FormValue("pw"))) // want `hoists calls bcrypt.GenerateFromPassword via helpers.Hash`
}

func noFix(w http.ResponseWriter, r *http.Request) {
	pw := r.FormValue("pw")
	fmt.Fprint(w, r.FormValue("x"), helpers.Hash(r.FormValue("pw"))) // want `no suggested fix: its operands call r.FormValue\("pw"\), which would then run on offload's goroutine`
	defer helpers.Touch(pw)                                          // want `no suggested fix: the call is deferred`
	for i := 0; i < len(helpers.Hash(pw)); i++ {                     // want `no suggested fix: the call is in a for statement's header`
	}
	if len(pw) > 0 {
	} else if n := len(pw); helpers.Check(pw) != nil { // want `no suggested fix: the call is in the header of an if or switch statement`
		_ = n
	}
	if len(pw) > 3 && len(helpers.Hash(pw)) > 0 { // want `no suggested fix: the call is evaluated conditionally, after &&`
		return
	}
	helpers.Pair(pw)       // want `noFix calls bcrypt.GenerateFromPassword via helpers.Pair`
	t := helpers.Token(pw) // want `no suggested fix: the call returns helpers.token, an unexported type of another package`
	_ = t
	fmt.Fprint(w, r.FormValue("x"), helpers.Hash(pw)) // want `no suggested fix: r.FormValue\("x"\) comes first and would move after it`
}
