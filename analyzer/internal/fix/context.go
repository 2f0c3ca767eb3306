package fix

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/blockcheck/blockcheck/analyzer/internal/catalog"
)

// contextForm rewrites a blocking call in the root into its
// context-aware form, with the request's context:
//
//	db.Query(q, args)        →  db.QueryContext(ctx, q, args)
//	exec.Command(name, args) →  exec.CommandContext(ctx, name, args)
//	http.NewRequest(m, u, b) →  http.NewRequestWithContext(ctx, m, u, b)
//	resp, err := http.Get(u) →  a request made with the context, sent with the same client
//	net.Dial(n, a)           →  (&net.Dialer{}).DialContext(ctx, n, a)
//	net.LookupHost(h)        →  net.DefaultResolver.LookupHost(ctx, h)
//	time.Sleep(d)            →  a select on a timer and ctx.Done()
func (f *fixer) contextForm() (*analysis.SuggestedFix, error) {
	e := f.req.Entry
	if e == nil {
		return nil, nil
	}
	switch e.Family {
	case "database/sql", "sqlx":
		return f.methodForm()
	case "os/exec":
		return f.originForm("CommandContext", "exec.CommandContext")
	case "net/http client":
		if strings.HasSuffix(e.Name, ".Do") {
			return f.originForm("NewRequestWithContext", "http.NewRequestWithContext")
		}
		return f.httpRequest()
	case "dialing":
		return f.dial()
	case "DNS lookups":
		return f.dnsLookup()
	case "sleeps and timers":
		return f.sleep()
	}
	return nil, nil // no context-aware form: the remedy says what to do
}

// insertContext returns the edits that turn call into a call of the
// method or function newName with ctx as its first argument, and the
// given arguments after its own.
func (f *fixer) insertContext(call *ast.CallExpr, newName, ctx, extra string) []analysis.TextEdit {
	var name *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		name = fun.Sel
	case *ast.Ident:
		name = fun
	}
	args := ctx
	switch {
	case len(call.Args) > 0:
		args += ", "
	case extra != "":
		args += ", " + extra
	}
	edits := []analysis.TextEdit{
		{Pos: name.Pos(), End: name.End(), NewText: []byte(newName)},
		{Pos: call.Lparen + 1, End: call.Lparen + 1, NewText: []byte(args)},
	}
	if extra != "" && len(call.Args) > 0 {
		edits = append(edits, analysis.TextEdit{Pos: call.Rparen, End: call.Rparen, NewText: []byte(", " + extra)})
	}
	return edits
}

// methodForm rewrites db.Query(…) as db.QueryContext(ctx, …), and the
// forms that begin transactions as BeginTx(ctx, nil) and friends.
func (f *fixer) methodForm() (*analysis.SuggestedFix, error) {
	if _, ok := ast.Unparen(f.call.Fun).(*ast.SelectorExpr); !ok {
		return nil, whyNot("the method is not called by name")
	}
	if f.call.Ellipsis.IsValid() && len(f.call.Args) == 1 {
		return nil, whyNot("the call passes a slice for all its arguments")
	}
	ctx, err := f.requestContext()
	if err != nil {
		return nil, err
	}
	form := shortName(f.req.Entry.ContextForm)
	extra := ""
	if strings.HasPrefix(form, "BeginTx") || strings.HasPrefix(form, "MustBeginTx") {
		extra = "nil" // default transaction options
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Use %s with the request's context", form),
		TextEdits: f.insertContext(f.call, form, ctx, extra),
	}, nil
}

// originForm rewrites the call that built the sink's command or request,
// exec.Command or http.NewRequest, into its context-aware form.
func (f *fixer) originForm(newName, display string) (*analysis.SuggestedFix, error) {
	if !f.req.Origin.IsValid() {
		return nil, whyNot("the call that built it is elsewhere")
	}
	path, _ := astutil.PathEnclosingInterval(f.file, f.req.Origin, f.req.Origin)
	var origin *ast.CallExpr
	for _, n := range path {
		if c, ok := n.(*ast.CallExpr); ok && c.Lparen == f.req.Origin {
			origin = c
			break
		}
	}
	if origin == nil {
		return nil, whyNot("the call that built it is elsewhere")
	}
	if _, ok := ast.Unparen(origin.Fun).(*ast.SelectorExpr); !ok {
		return nil, whyNot("the function is not called by name")
	}
	ctx, err := f.requestContext()
	if err != nil {
		return nil, err
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Use %s with the request's context", display),
		TextEdits: f.insertContext(origin, newName, ctx, ""),
	}, nil
}

// httpRequest rewrites resp, err := http.Get(u) (and Head, Post,
// PostForm, on http or a client) into a request made with the request's
// context and sent with the same client.
func (f *fixer) httpRequest() (*analysis.SuggestedFix, error) {
	stmt, _, err := f.statement()
	if err != nil {
		return nil, err
	}
	as, ok := stmt.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != f.call {
		return nil, whyNot("the call's results are not assigned to a response and an error")
	}
	respName, errName := identName(as.Lhs[0]), identName(as.Lhs[1])
	if respName == "" || errName == "" || errName == "_" {
		return nil, whyNot("the call's results are not assigned to variables")
	}
	sel, ok := ast.Unparen(f.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, whyNot("the function is not called by name")
	}
	ctx, err := f.requestContext()
	if err != nil {
		return nil, err
	}
	httpName, err := f.importName("net/http", "http")
	if err != nil {
		return nil, err
	}
	indent := f.indent(stmt.Pos())
	var b strings.Builder
	client := httpName + ".DefaultClient"
	if f.isMethod(sel) {
		client = f.text(sel.X)
		if f.impure(sel.X) != nil {
			// The client first, as the call evaluated it.
			name, err := f.freshName(stmt, "client")
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&b, "%s := %s\n%s", name, client, indent)
			client = name
		}
	}
	req, err := f.freshName(stmt, "req")
	if err != nil {
		return nil, err
	}
	args := make([]string, len(f.call.Args))
	for i, a := range f.call.Args {
		args[i] = f.text(a)
	}
	var method, body, header string
	switch sel.Sel.Name {
	case "Get":
		method, body = "MethodGet", "nil"
	case "Head":
		method, body = "MethodHead", "nil"
	case "Post":
		// The content type is set after the request is built from
		// the body: it must not do anything the body could see.
		if bad := f.impure(f.call.Args[1]); bad != nil {
			return nil, whyNot(fmt.Sprintf("its content type calls %s, which would then run after the body is evaluated", f.text(bad)))
		}
		method, body = "MethodPost", args[2]
		header = fmt.Sprintf("%s.Header.Set(\"Content-Type\", %s)", req, args[1])
	case "PostForm":
		strs, err := f.importName("strings", "strings")
		if err != nil {
			return nil, err
		}
		method, body = "MethodPost", fmt.Sprintf("%s.NewReader(%s.Encode())", strs, args[1])
		header = fmt.Sprintf("%s.Header.Set(\"Content-Type\", \"application/x-www-form-urlencoded\")", req)
	default:
		return nil, nil
	}
	// req, err := … declares err in the same block as the original
	// statement would; after an assignment, err must stay the variable
	// that was assigned.
	op := ":="
	if as.Tok == token.ASSIGN {
		fmt.Fprintf(&b, "var %s *%s.Request\n%s", req, httpName, indent)
		op = "="
	}
	fmt.Fprintf(&b, "%s, %s %s %s.NewRequestWithContext(%s, %s.%s, %s, %s)\n", req, errName, op, httpName, ctx, httpName, method, args[0], body)
	if as.Tok == token.DEFINE && respName != "_" && f.pass.TypesInfo.Defs[as.Lhs[0].(*ast.Ident)] != nil {
		fmt.Fprintf(&b, "%svar %s *%s.Response\n", indent, respName, httpName)
	}
	fmt.Fprintf(&b, "%sif %s == nil {\n", indent, errName)
	if header != "" {
		fmt.Fprintf(&b, "%s\t%s\n", indent, header)
	}
	fmt.Fprintf(&b, "%s\t%s, %s = %s.Do(%s)\n%s}", indent, respName, errName, client, req, indent)
	return f.suggest("Make the request with the request's context", analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(b.String())}), nil
}

// isMethod reports whether sel selects a method, not a package member.
func (f *fixer) isMethod(sel *ast.SelectorExpr) bool {
	_, ok := f.pass.TypesInfo.Selections[sel]
	return ok
}

// dial rewrites net.Dial and net.DialTimeout into a net.Dialer's
// DialContext, and a Dialer's Dial into its DialContext.
func (f *fixer) dial() (*analysis.SuggestedFix, error) {
	sel, ok := ast.Unparen(f.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, whyNot("the function is not called by name")
	}
	ctx, err := f.requestContext()
	if err != nil {
		return nil, err
	}
	msg := "Dial with the request's context"
	switch f.req.Entry.Name {
	case "(*net.Dialer).Dial":
		return &analysis.SuggestedFix{Message: msg, TextEdits: f.insertContext(f.call, "DialContext", ctx, "")}, nil
	case "net.Dial", "net.DialTimeout":
		if err := f.pure(f.call); err != nil {
			return nil, err
		}
		if len(f.call.Args) < 2 || f.call.Ellipsis.IsValid() {
			return nil, whyNot("the call does not name its network and address")
		}
		dialer := "{}"
		if len(f.call.Args) == 3 {
			dialer = fmt.Sprintf("{Timeout: %s}", f.text(f.call.Args[2]))
		}
		text := fmt.Sprintf("(&%s.Dialer%s).DialContext(%s, %s, %s)", f.text(sel.X), dialer, ctx, f.text(f.call.Args[0]), f.text(f.call.Args[1]))
		return &analysis.SuggestedFix{Message: msg, TextEdits: []analysis.TextEdit{{Pos: f.call.Pos(), End: f.call.End(), NewText: []byte(text)}}}, nil
	}
	return nil, whyNot("its context-aware form returns a different type")
}

// dnsLookup rewrites net.LookupX(…) as net.DefaultResolver.LookupX(ctx, …).
func (f *fixer) dnsLookup() (*analysis.SuggestedFix, error) {
	sel, ok := ast.Unparen(f.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, whyNot("the function is not called by name")
	}
	ctx, err := f.requestContext()
	if err != nil {
		return nil, err
	}
	args := ctx
	if sel.Sel.Name == "LookupIP" {
		args += `, "ip"` // net.LookupIP looks up both IPv4 and IPv6
	}
	if len(f.call.Args) > 0 {
		args += ", "
	}
	return &analysis.SuggestedFix{
		Message: "Look up with the request's context",
		TextEdits: []analysis.TextEdit{
			{Pos: sel.Sel.Pos(), End: sel.Sel.Pos(), NewText: []byte("DefaultResolver.")},
			{Pos: f.call.Lparen + 1, End: f.call.Lparen + 1, NewText: []byte(args)},
		},
	}, nil
}

// sleep rewrites time.Sleep(d), as a statement, into a wait on a timer
// that ends early, and returns, when the request's context is done.
func (f *fixer) sleep() (*analysis.SuggestedFix, error) {
	stmt, _, err := f.statement()
	if err != nil {
		return nil, err
	}
	if es, ok := stmt.(*ast.ExprStmt); !ok || ast.Unparen(es.X) != f.call || len(f.call.Args) != 1 {
		return nil, whyNot("the sleep is not a statement of its own")
	}
	sel, ok := ast.Unparen(f.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, whyNot("the function is not called by name")
	}
	ctx, err := f.requestContext()
	if err != nil {
		return nil, err
	}
	ret, err := f.onDone(ctx)
	if err != nil {
		return nil, err
	}
	timer, err := f.freshName(stmt, "timer")
	if err != nil {
		return nil, err
	}
	in := f.indent(stmt.Pos())
	text := fmt.Sprintf("%s := %s.NewTimer(%s)\n%sselect {\n%scase <-%s.C:\n%scase <-%s.Done():\n%s\t%s.Stop()\n%s\t%s\n%s}",
		timer, f.text(sel.X), f.text(f.call.Args[0]), in, in, timer, in, ctx, in, timer, in, ret, in)
	return &analysis.SuggestedFix{
		Message:   "Wait for the timer or the request's context",
		TextEdits: []analysis.TextEdit{{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(text)}},
	}, nil
}

// onDone returns the statement that leaves the root when the request's
// context, ctx, is done.
func (f *fixer) onDone(ctx string) (string, error) {
	results := f.results
	if results.Len() == 0 {
		return "return", nil
	}
	if !isError(results.At(results.Len() - 1).Type()) {
		return "", whyNot(f.name + " cannot return the context's error")
	}
	vals := make([]string, 0, results.Len())
	for i := range results.Len() - 1 {
		z, err := f.zero(results.At(i).Type())
		if err != nil {
			return "", err
		}
		vals = append(vals, z)
	}
	return "return " + strings.Join(append(vals, ctx+".Err()"), ", "), nil
}

// withContext gives the call the context at hand: its context-aware
// form, or, when it is given a background context, that context
// instead.
func (f *fixer) withContext() (*analysis.SuggestedFix, error) {
	if f.req.Category == catalog.BackgroundContext {
		return f.background()
	}
	return f.contextForm()
}

// background replaces a context.Background() or context.TODO()
// argument with the request's context.
func (f *fixer) background() (*analysis.SuggestedFix, error) {
	ctx, err := f.requestContext()
	if err != nil {
		return nil, err
	}
	for _, arg := range f.call.Args {
		if isContext(f.pass.TypesInfo.TypeOf(arg)) {
			return &analysis.SuggestedFix{
				Message:   "Pass the request's context",
				TextEdits: []analysis.TextEdit{{Pos: arg.Pos(), End: arg.End(), NewText: []byte(ctx)}},
			}, nil
		}
	}
	return nil, whyNot("the context argument is not in the call")
}

// shortName returns the last element of a full function name:
// "QueryContext" for "(*database/sql.DB).QueryContext".
func shortName(name string) string { return name[strings.LastIndexByte(name, '.')+1:] }
