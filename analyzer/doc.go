// Package analyzer defines blockcheck's analysis: it follows request
// handlers, through helpers and across packages, to CPU-heavy and
// blocking calls, and reports each one at the call site in the handler.
//
// The work is split by job under internal/: roots recognises request
// entry points, catalog holds the table of sinks, summary computes what
// each function can reach and exports it as facts, directive reads
// //blockcheck: comments, and report writes the diagnostics; routes
// finds the routes that registration calls make, for the request-path
// map ([MapAnalyzer], [Program.AnalyzeMap]), which joins them with what
// each root reaches. This package only wires them together.
//
// # Analyzer blockcheck
//
// blockcheck: report CPU-heavy and blocking calls on request paths
//
// blockcheck finds request handlers (net/http and the frameworks
// built on it, by the shape of their request types; fiber, fasthttp,
// hertz; gRPC, connect, Twirp, kratos, gqlgen, go-micro and huma
// services; see blockcheck -explain roots) and follows their calls
// through helpers, across packages, to calls that are CPU-heavy
// (password hashing, RSA key generation, image codecs, compression,
// per-request regexp compilation) or that block without the request's
// context (time.Sleep, database/sql without Context, exec.Command,
// http.Get, net.Dial). Each one is reported at the call site in the
// handler, with the chain of calls that reaches it:
//
//	Signup calls bcrypt.GenerateFromPassword via auth.Register → auth.HashPassword:
//	password hashing is CPU-heavy by design (tens of ms per call); run it with offload
//
// Work the request does not wait for is not reported: go statements,
// functions passed to sync.Once or offload, code run only from main or
// init. Calls through interfaces and function values are followed only
// in whole-program mode (blockcheck -mode=program); dispatch by
// reflection to the methods of a value of a known type, as in
// reflect.ValueOf(svc).MethodByName(action).Call(args), in both.
//
// Suppress a finding with a reason:
//
//	//blockcheck:ignore only admins reach this, a few times a day
//
// on or above the line, or in a function's doc comment to report
// nothing reached through that function. Mark your own heavy function
// with //blockcheck:heavy <reason> in its doc comment, or name it with
// the -heavy flag.
package analyzer
