package routes_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/blockcheck/blockcheck/analyzer/internal/routes"
	"github.com/blockcheck/blockcheck/analyzer/internal/ssabuild"
	"github.com/blockcheck/blockcheck/analyzer/internal/summary"
)

// reporter reports each route at its registration as "METHOD PATTERN
// FRAMEWORK HANDLER", "*" standing for any method.
var reporter = &analysis.Analyzer{
	Name: "routes",
	Doc:  "report the routes that a package registers",
	Run: func(pass *analysis.Pass) (any, error) {
		// As the request-path map does, leave out test code: what it
		// registers, and the routers it passes.
		funcs := slices.DeleteFunc(ssabuild.Build(pass), func(fn *ssa.Function) bool {
			return strings.HasSuffix(pass.Fset.File(fn.Pos()).Name(), "_test.go")
		})
		for _, r := range routes.Find(funcs) {
			method, handler := r.Method, r.Unresolved
			if method == "" {
				method = "*"
			}
			if r.Handler != nil {
				handler = summary.FuncName(r.Handler)
			}
			pass.Reportf(r.Pos, "%s %s %s %s", method, r.Pattern, r.Framework, handler)
		}
		return nil, nil
	},
}

// TestFind checks the routes of an app per router, each with its
// groups, subrouters and mounts, against the want comments on the
// registrations.
func TestFind(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, reporter, "routes/nethttp", "routes/chi", "routes/gorilla", "routes/gin", "routes/echo",
		"routes/fiber", "routes/fasthttp", "routes/grpc", "routes/connect", "routes/twirp", "routes/huma", "routes/httprouter")
}
