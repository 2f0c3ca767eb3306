// Package gin is an app routed by gin: nested groups, middleware before
// the handler, a group passed to a function, and Handle with a method.
package gin

import (
	"github.com/gin-gonic/gin"

	"routes/work"
)

// Routes builds the routes.
func Routes() *gin.Engine {
	r := gin.Default()
	r.GET("/ping", ping) // want `GET /ping gin gin.ping`
	v1 := r.Group("/v1")
	users := v1.Group("users")
	users.POST("/", auth, signup)          // want `POST /v1/users/ gin gin.signup`
	users.GET("/:id", show)                // want `GET /v1/users/:id gin gin.show`
	r.Handle("PATCH", "/v1/profile", show) // want `PATCH /v1/profile gin gin.show`
	admin(v1.Group("/admin"))
	return r
}

func admin(g *gin.RouterGroup) {
	g.DELETE("/cache", flush) // want `DELETE /v1/admin/cache gin gin.flush`
}

func auth(c *gin.Context)   { c.Next() }
func ping(c *gin.Context)   { c.String(200, "pong") }
func signup(c *gin.Context) { work.Hash(c.PostForm("pw")) }
func show(c *gin.Context)   {}
func flush(c *gin.Context)  { work.Nap() }
