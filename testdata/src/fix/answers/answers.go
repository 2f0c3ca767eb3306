// Package answers checks how the offload fix answers a shed request in
// frameworks without a net/http signature: hertz aborts with the
// status, and go-restful, iris and a request type of the application's
// own write the error to the response writer they hold.
package answers

import (
	"context"
	"net/http"

	"github.com/cloudwego/hertz/pkg/app"
	restful "github.com/emicklei/go-restful/v3"
	"github.com/kataras/iris/v12"

	"fix/helpers"
)

func hertz(c context.Context, ctx *app.RequestContext) {
	helpers.Touch("pw") // want `hertz calls bcrypt.GenerateFromPassword via helpers.Touch`
}

func restfulRoute(req *restful.Request, resp *restful.Response) {
	helpers.Touch("pw") // want `restfulRoute calls bcrypt.GenerateFromPassword via helpers.Touch`
}

func irisHandler(ctx iris.Context) {
	helpers.Touch("pw") // want `irisHandler calls bcrypt.GenerateFromPassword via helpers.Touch`
}

func routes(ws *restful.WebService, a *iris.Application, h func(app.HandlerFunc)) {
	ws.Route("/", restfulRoute)
	a.Get("/", irisHandler)
	h(hertz)
}

// Event is a request type of the application's own.
type Event struct {
	Response http.ResponseWriter
	Request  *http.Request
}

func event(e *Event) {
	helpers.Touch("pw") // want `event calls bcrypt.GenerateFromPassword via helpers.Touch`
}
