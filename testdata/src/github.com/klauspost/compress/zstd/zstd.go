// Package zstd is a stub of github.com/klauspost/compress/zstd for tests.
package zstd

import "io"

type Encoder struct{}

func NewWriter(w io.Writer) (*Encoder, error)       { return &Encoder{}, nil }
func (e *Encoder) EncodeAll(src, dst []byte) []byte { return dst }

type Decoder struct{}

func NewReader(r io.Reader) (*Decoder, error)                  { return &Decoder{}, nil }
func (d *Decoder) DecodeAll(input, dst []byte) ([]byte, error) { return dst, nil }
