// Package headers checks the offload fix for calls in the init
// statement of an if or switch header: the statement moves in front of
// the header, alone where the names it declares may outlive the header,
// in a block of its own where they could clash or be read later.
package headers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"fix/helpers"
)

// leaks has nothing called err before or after the if statement: the
// split statement may declare it in the function's own block.
func leaks(w http.ResponseWriter, r *http.Request) {
	if err := helpers.Check(r.FormValue("pw")); err != nil { // want `leaks calls bcrypt.CompareHashAndPassword via helpers.Check`
		http.Error(w, "wrong password", http.StatusUnauthorized)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// blocks declares err before the if statement and reads it after: the
// split statement goes in a block, as the header's scope was.
func blocks(w http.ResponseWriter, r *http.Request) {
	err := errors.New("not checked")
	if err := helpers.Check(r.FormValue("pw")); err != nil { // want `blocks calls bcrypt.CompareHashAndPassword via helpers.Check`
		return
	}
	http.Error(w, err.Error(), http.StatusTeapot)
}

// elseIf splits the header of an else branch, which can only hold a
// block.
func elseIf(w http.ResponseWriter, r *http.Request) {
	pw := r.FormValue("pw")
	if pw == "" {
		return
	} else if err := helpers.Check(pw); err != nil { // want `elseIf calls bcrypt.CompareHashAndPassword via helpers.Check`
		return
	}
}

// switches splits a switch header with a tag, in a case clause.
func switches(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodPost:
		switch k := helpers.Kind(r.FormValue("pw")); k { // want `switches calls bcrypt.GenerateFromPassword via helpers.Kind`
		case 0:
			w.WriteHeader(http.StatusOK)
		}
	}
}

// returns splits a header in a handler that returns its errors, with
// the call's results carried in a struct.
func returns(c echo.Context) error {
	if u, tok, err := helpers.Issue(c.Param("pw")); err != nil { // want `returns calls bcrypt.GenerateFromPassword via helpers.Issue`
		return err
	} else {
		_, _ = u, tok
	}
	return nil
}

// gotos may jump over what the split would declare: it gets a block.
func gotos(w http.ResponseWriter, r *http.Request) {
	if err := helpers.Check(r.FormValue("pw")); err != nil { // want `gotos calls bcrypt.CompareHashAndPassword via helpers.Check`
		goto fail
	}
	return
fail:
	w.WriteHeader(http.StatusUnauthorized)
}

// condition has the call in the condition after an init statement: it
// would be moved before that statement, so there is no fix.
func condition(w http.ResponseWriter, r *http.Request) {
	if pw := r.FormValue("pw"); helpers.Check(pw) != nil { // want `no suggested fix: the call is evaluated conditionally`
		return
	}
}
