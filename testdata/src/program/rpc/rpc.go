// Package rpc: dispatch by reflection to a service whose actions hash
// through an interface chosen at start-up. Whole-program mode follows
// the reflection, as per-package mode does, and then the interface,
// which only it resolves. A value that is already an interface is not
// resolved, although the call graph knows what flows into it.
package rpc

import (
	"net/http"
	"reflect"
	"time"

	"golang.org/x/crypto/bcrypt"
)

type Hasher interface{ Hash(pw string) []byte }

type bcryptHasher struct{}

func (bcryptHasher) Hash(pw string) []byte {
	b, _ := bcrypt.GenerateFromPassword([]byte(pw), 12)
	return b
}

// Service is an RPC service: its exported methods are its actions.
type Service struct{ hasher Hasher }

func (s *Service) Signup(pw string) []byte { return s.hasher.Hash(pw) }

func (s *Service) Ping() string { return "pong" }

// audit is not an action: reflection does not find unexported methods.
func (s *Service) audit() { time.Sleep(time.Second) }

type Server struct {
	svc     *Service
	handler any
}

func New() *Server {
	svc := &Service{hasher: bcryptHasher{}}
	return &Server{svc: svc, handler: svc}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	action := r.FormValue("action")
	args := []reflect.Value{reflect.ValueOf(r.FormValue("pw"))}
	reflect.ValueOf(s.svc).MethodByName(action).Call(args) // want `Server.ServeHTTP calls bcrypt.GenerateFromPassword via rpc.Service.Signup → rpc.bcryptHasher.Hash: password hashing`
	reflect.ValueOf(s.handler).MethodByName(action).Call(args)
}

// Warm dispatches at start-up, from main: it is not a request root.
func Warm(s *Server) {
	reflect.ValueOf(s.svc).MethodByName("Signup").Call([]reflect.Value{reflect.ValueOf("warm")})
}
