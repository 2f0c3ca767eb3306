// Package lambda proves that a handler passed to lambda.Start is not a
// root unless asked for (see flags/lambda, which asks).
package lambda

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"heavy"
)

func handle(ctx context.Context, pw string) ([]byte, error) {
	return heavy.Hash(pw), nil
}

func Main() {
	lambda.Start(handle)
}
