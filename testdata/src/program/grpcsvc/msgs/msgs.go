// Package msgs stands for the message types that protoc-gen-go
// generated, in a package of their own.
package msgs

type Req struct{ Data []byte }
type Reply struct{ Data []byte }
