// Package gin checks the offload fix in a gin handler: the request's
// context is c.Request.Context(), and shed requests are answered with
// offload.WriteError on c.Writer and c.Abort().
package gin

import (
	"github.com/gin-gonic/gin"

	"fix/helpers"
)

func signup(c *gin.Context) {
	pw := c.Param("pw")
	u, err := helpers.Register("bob", pw) // want `signup calls bcrypt.GenerateFromPassword via helpers.Register`
	if err != nil {
		c.AbortWithStatus(500)
		return
	}
	c.JSON(201, u)
}
