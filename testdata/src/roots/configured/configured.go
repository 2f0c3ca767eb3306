// Package configured proves that the roots option makes roots of the
// functions and methods it names, every exported method for "*", and
// nothing else.
package configured

import (
	"time"

	"heavy"
)

type Dispatcher struct{ table map[string]func([]byte) }

func (d *Dispatcher) Signup(body []byte) { // want Signup:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(string(body)) // want `Dispatcher.Signup calls bcrypt.GenerateFromPassword via heavy.Hash`
}

func (d *Dispatcher) Wait() { // want Wait:"reaches time.Sleep"
	time.Sleep(time.Second) // want `Dispatcher.Wait calls time.Sleep`
}

// reset is not exported: "*" does not name it.
func (d *Dispatcher) reset() {
	time.Sleep(time.Second)
}

func Serve(name string, body []byte) { // want Serve:"reaches bcrypt.GenerateFromPassword"
	heavy.Hash(name) // want `Serve calls bcrypt.GenerateFromPassword via heavy.Hash`
}

// Other is not named.
func Other() { // want Other:"reaches time.Sleep"
	time.Sleep(time.Second)
}
