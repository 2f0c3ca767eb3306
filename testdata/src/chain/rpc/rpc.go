// Package rpc checks dispatch by reflection, as RPC-style servers do
// it: reflect.ValueOf(svc).MethodByName(action).Call(args) calls one of
// the exported methods of svc's type per request, so the Call is
// followed into each of them, as a dynamic call. It also checks what is
// not guessed: a value that is already an interface, methods that
// reflection does not find (unexported ones, and pointer methods of a
// value), a constant name that picks a harmless method, and dispatch
// that no root runs.
package rpc

import (
	"net/http"
	"reflect"
	"time"

	"chain/auth"
	"heavy"
)

// Service is an RPC service: its exported methods are its actions.
type Service struct{}

func (s *Service) Signup(name string) []byte { // want Signup:"reaches bcrypt.GenerateFromPassword"
	return heavy.Hash(name)
}

func (s *Service) Batch(names ...string) { // want Batch:"reaches bcrypt.GenerateFromPassword"
	for _, n := range names {
		heavy.Hash(n)
	}
}

func (s *Service) Ping() string { return "pong" }

// audit is not an action: reflection does not find unexported methods.
func (s *Service) audit() { time.Sleep(time.Second) }

// Quiet has only harmless actions; its sleep is unexported.
type Quiet struct{}

func (Quiet) Ping() string { return "pong" }

func (Quiet) wait() { time.Sleep(time.Second) }

// Counter's action has a pointer receiver: a Counter value, not a
// pointer, does not have it.
type Counter struct{}

func (c *Counter) Slow() { time.Sleep(time.Second) } // want Slow:"reaches time.Sleep"

type Server struct {
	svc     *Service
	handler any // set at start-up: its dynamic type is not known here
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want ServeHTTP:"reaches bcrypt.GenerateFromPassword, time.Sleep"
	action := r.URL.Query().Get("action")
	args := []reflect.Value{reflect.ValueOf(r.FormValue("name"))}
	reflect.ValueOf(s.svc).MethodByName(action).Call(args) // want `Server.ServeHTTP calls bcrypt.GenerateFromPassword via rpc.Service.Batch → heavy.Hash: password hashing .* offload \(no suggested fix`
	Dispatch(s.svc, action, args)                          // want `Server.ServeHTTP calls bcrypt.GenerateFromPassword via rpc.Dispatch → rpc.Service.Batch → heavy.Hash`

	// Method numbers the exported methods by name: 2 is Signup, 1 Ping.
	reflect.ValueOf(s.svc).Method(2).Call(args) // want `Server.ServeHTTP calls bcrypt.GenerateFromPassword via rpc.Service.Signup → heavy.Hash`
	reflect.ValueOf(s.svc).Method(1).Call(nil)
	reflect.ValueOf(s.svc).MethodByName("Ping").Call(nil)

	// The server's own methods: ServeHTTP, a root, reports itself.
	reflect.ValueOf(s).MethodByName(action).Call(nil) // want `Server.ServeHTTP calls time.Sleep via rpc.Server.Health: .* ctx\.Done\(\)$`

	// Nothing to find: an interface value, unexported methods, a
	// pointer method of a value.
	reflect.ValueOf(s.handler).MethodByName(action).Call(args)
	reflect.ValueOf(Quiet{}).MethodByName(action).Call(nil)
	reflect.ValueOf(Counter{}).MethodByName(action).Call(nil)
	reflect.ValueOf(s.svc).MethodByName("audit").Call(nil)
}

// Health is an action of the server itself.
func (s *Server) Health() { time.Sleep(time.Millisecond) } // want Health:"reaches time.Sleep"

// call holds the value and its method in variables, and passes the
// arguments as a slice.
func call(w http.ResponseWriter, r *http.Request) {
	svc := &Service{}
	v := reflect.ValueOf(svc)
	m := v.MethodByName(r.FormValue("action"))
	names := reflect.ValueOf([]string{r.FormValue("name")})
	m.CallSlice([]reflect.Value{names})     // want `call calls bcrypt.GenerateFromPassword via rpc.Service.Batch → heavy.Hash: .* offload$`
	dispatchAny(svc, r.FormValue("action")) // want `call calls bcrypt.GenerateFromPassword via rpc.dispatchAny → rpc.Service.Batch → heavy.Hash`
}

// dispatchAny dispatches on a value of a type parameter: each instance
// knows the type.
func dispatchAny[T any](x T, action string) {
	reflect.ValueOf(x).MethodByName(action).Call(nil)
}

// Dispatch runs an action of svc, a parameter of a concrete type: its
// fact carries what the actions reach to its callers.
func Dispatch(svc *Service, action string, args []reflect.Value) []reflect.Value { // want Dispatch:"reaches bcrypt.GenerateFromPassword"
	return reflect.ValueOf(svc).MethodByName(action).Call(args)
}

// NewUser returns a value of a type of another package, for rpcuse to
// dispatch to.
func NewUser() *auth.User { return &auth.User{} }

// init dispatches at start-up, not per request: nothing is reported.
func init() {
	reflect.ValueOf(&Service{}).MethodByName("Signup").Call([]reflect.Value{reflect.ValueOf("admin")})
}

// warm is background work that no root calls.
func warm(svc *Service) {
	for _, name := range []string{"Signup", "Batch"} {
		reflect.ValueOf(svc).MethodByName(name).Call(nil)
	}
}
