// Package gin proves that gin handlers and middleware are roots.
package gin

import (
	"github.com/gin-gonic/gin"

	"heavy"
)

type Handler struct{}

func (h *Handler) Signup(c *gin.Context) { // want Signup:"reaches bcrypt.GenerateFromPassword"
	c.JSON(200, heavy.Hash(c.Param("pw"))) // want `Handler.Signup calls bcrypt.GenerateFromPassword via heavy.Hash`
}

func Register(e *gin.Engine, h *Handler) {
	e.Use(func(c *gin.Context) {
		heavy.Hash("x") // want `Register.func1 calls bcrypt.GenerateFromPassword via heavy.Hash`
		c.Next()
	})
	e.POST("/signup", h.Signup)
}
