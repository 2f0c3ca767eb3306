// Package restful proves that go-restful route functions, which get
// the request and the response in two types of their own, are roots.
package restful

import (
	restful "github.com/emicklei/go-restful/v3"

	"heavy"
)

type Users struct{}

func (u *Users) Signup(req *restful.Request, resp *restful.Response) { // want Signup:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(req.PathParameter("pw")) // want `Users.Signup calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// param takes only the request: not a handler.
func param(req *restful.Request) []byte {
	return heavy.Hash(req.PathParameter("pw"))
}

func Routes(ws *restful.WebService, u *Users) {
	ws.Route("/signup", u.Signup)
	_ = param
}
