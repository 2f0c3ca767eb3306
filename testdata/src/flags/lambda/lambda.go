// Package lambda proves that a handler passed to lambda.Start is a
// root when -lambda is set (see TestLambda).
package lambda

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"heavy"
)

func handle(ctx context.Context, pw string) ([]byte, error) {
	return heavy.Hash(pw), nil // want `handle calls bcrypt.GenerateFromPassword via heavy.Hash`
}

func Main() {
	lambda.Start(handle)
}
