package roots

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// check type-checks src, a package named p, importing from source.
func check(t *testing.T, src string) (*types.Package, *token.FileSet) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return pkg, fset
}

// TestHandlerKind checks the request-type rule on the shapes it must
// accept and refuse, and the kind it gives.
func TestHandlerKind(t *testing.T) {
	pkg, fset := check(t, `package p

import (
	"context"
	"net/http"
	"net/http/httptest"
)

type writer interface {
	http.ResponseWriter
	Flush()
}

type deep struct{ a struct{ b struct{ w writer } } }
type tooDeep struct{ a struct{ b struct{ c struct{ w writer } } } }
type loop struct {
	next *loop
	r    *http.Request
}

type viaMethods interface {
	Request() *http.Request
	Writer() writer
}

type client interface {
	Request() *http.Request
	Response() *http.Response
}

func plain(w http.ResponseWriter, r *http.Request)                {}
func split(r *http.Request, d deep)                                {}
func methods(c viaMethods)                                         {}
func onlyRequest(r *http.Request, ctx context.Context)             {}
func recorder(rec *httptest.ResponseRecorder, r *http.Request)     {}
func tooFar(r *http.Request, d tooDeep)                            {}
func cyclic(l *loop)                                               {}
func clientSide(c client)                                          {}
func server(s *http.Server, r *http.Request)                       {}
`)
	f := NewFinder(pkg, fset, Options{})
	for name, want := range map[string]Kind{
		"plain":       NetHTTP,
		"split":       RequestType,
		"methods":     RequestType,
		"onlyRequest": "",
		"recorder":    "",
		"tooFar":      "",
		"cyclic":      "",
		"clientSide":  "",
		"server":      "",
	} {
		fn := pkg.Scope().Lookup(name).(*types.Func)
		got, _, _ := f.handlerKind(fn.Signature())
		if got != want {
			t.Errorf("%s: kind %q, want %q", name, got, want)
		}
	}
}

func TestCheckNames(t *testing.T) {
	pkg, _ := check(t, `package p

type T struct{}

func (*T) M() {}

func F() {}
`)
	for _, tc := range []struct{ name, err string }{
		{"p.F", ""},
		{"(*p.T).M", ""},
		{"(p.T).*", ""},
		{"other.G", ""}, // checked when its own package is analysed
		{"p.G", "roots: p declares no function G"},
		{"(*p.U).M", "roots: p declares no type U"},
		{"(*p.T).N", "roots: p.T has no method N"},
	} {
		err := CheckNames(pkg, []string{tc.name})
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%s: got error %v, want %q", tc.name, err, tc.err)
		}
	}
}

func TestParseFuncPattern(t *testing.T) {
	for in, want := range map[string]funcPattern{
		"example.com/rpc.Serve":           {pkg: "example.com/rpc", name: "Serve"},
		"(*example.com/rpc.Dispatcher).*": {pkg: "example.com/rpc", recv: "Dispatcher", name: "*"},
		"(example.com/rpc.D).Run":         {pkg: "example.com/rpc", recv: "D", name: "Run"},
	} {
		got, ok := parseFuncPattern(in)
		if !ok || got != want {
			t.Errorf("parseFuncPattern(%q) = %+v, %v; want %+v", in, got, ok, want)
		}
	}
	for _, in := range []string{"Serve", "example.com/rpc", "(*rpc.D)"} {
		if p, ok := parseFuncPattern(in); ok {
			t.Errorf("parseFuncPattern(%q) = %+v, want failure", in, p)
		}
	}
}

// TestExplain checks that the explanation lists every table entry.
func TestExplain(t *testing.T) {
	text := Explain()
	for n := range handlerParams {
		if !strings.Contains(text, n.path+"."+n.name) {
			t.Errorf("Explain does not mention %s.%s", n.path, n.name)
		}
	}
	for path := range rpcFrameworks {
		if !strings.Contains(text, path) {
			t.Errorf("Explain does not mention %s", path)
		}
	}
	for name := range registrations {
		if !strings.Contains(text, name+",") {
			t.Errorf("Explain does not mention %s", name)
		}
	}
}
