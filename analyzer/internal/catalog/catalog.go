// Package catalog is the table of sinks: the calls that blockcheck
// reports when a request handler reaches them.
//
// Every entry is keyed by the full name that [types.Func.FullName]
// returns for the callee, such as "golang.org/x/crypto/bcrypt.GenerateFromPassword"
// or "(*database/sql.DB).Query". Lookups are exact; nothing is matched
// by pattern. The table itself is in table.go, so that it reads as data.
package catalog

import (
	"slices"
	"strings"
)

// A Category groups sinks by what they cost a request. Diagnostics
// carry it in [golang.org/x/tools/go/analysis.Diagnostic.Category].
type Category string

// The categories, from most to least severe.
const (
	// CPUHeavy calls burn milliseconds of CPU per call: password
	// hashing, key generation, image codecs, compression.
	CPUHeavy Category = "cpu-heavy"
	// Blocking calls wait on I/O or time without the request's
	// context, so they go on after the client has gone.
	Blocking Category = "blocking"
	// BackgroundContext calls take a context but are given
	// context.Background() or context.TODO() on a request path:
	// cancellable, but not by the request.
	BackgroundContext Category = "background-context"
)

// Categories lists every category, most severe first.
var Categories = []Category{CPUHeavy, Blocking, BackgroundContext}

// Rank orders categories by severity: lower is more severe.
func (c Category) Rank() int {
	if i := slices.Index(Categories, c); i >= 0 {
		return i
	}
	return len(Categories)
}

// Doc returns a paragraph that explains the category to a user.
func (c Category) Doc() string { return categoryDocs[c] }

// A Condition narrows when a call to an entry's function is a sink.
// Most entries are unconditional.
type Condition int

const (
	// Always means every call is a sink.
	Always Condition = iota
	// CommandWithoutContext means the call is a sink when its receiver
	// is an *exec.Cmd built by exec.Command (not exec.CommandContext).
	CommandWithoutContext
	// RequestWithoutContext means the call is a sink when its
	// *http.Request argument was built by http.NewRequest and never
	// given a context.
	RequestWithoutContext
	// TimerWait means the call is a sink when the channel it returns
	// (or the timer's C) is waited on outside a select that can end
	// another way: received from on its own, or in a select whose
	// every case receives from a timer; and not in a loop that checks
	// a context for cancellation on each iteration (see
	// OutsideContextLoop).
	TimerWait
	// Uncached means the call is a sink unless its result is kept in a
	// field, a global or a map: compiling once into a cache is the
	// remedy, not the problem.
	Uncached
	// OutsideContextLoop means the call is a sink unless it is in a
	// loop that checks a context.Context for cancellation on each
	// iteration, by calling its Err or Done method or receiving from
	// the channel Done returned: a throttle, spin or retry loop that
	// stops within one wait once the context is done. Which context it
	// checks is not proved to be the request's (a context in a field
	// is as good as a parameter): a loop written to be cancelled is
	// taken to be cancelled by its caller's context.
	OutsideContextLoop
	// FixedPattern means the call, which compiles its first argument
	// as a pattern, is a sink only when the pattern is fixed: a
	// constant (or built from constants), or configuration (a
	// package-level variable, a field of a root's receiver or of a
	// value that a handler captured when it was made, the
	// environment). A pattern from the request, or from a parameter of
	// the function that compiles it, is not reported: see NotReported.
	FixedPattern
	// FixedPatternUncached is FixedPattern and Uncached together, for
	// calls that return what they compile, which a cache may keep.
	FixedPatternUncached
)

// Doc says, in a clause, when a call under the condition is a sink.
func (c Condition) Doc() string {
	switch c {
	case CommandWithoutContext:
		return "the *exec.Cmd was built by exec.Command, not exec.CommandContext"
	case RequestWithoutContext:
		return "the *http.Request was built by http.NewRequest and never given a context"
	case TimerWait:
		return "the timer's channel is received from on its own, or in a select whose every case waits on a timer, and not in a loop that checks a context for cancellation (ctx.Err() or ctx.Done()) on each iteration"
	case Uncached:
		return uncachedDoc
	case OutsideContextLoop:
		return "the call is not in a loop that checks a context for cancellation (ctx.Err() or ctx.Done()) on each iteration"
	case FixedPattern:
		return fixedPatternDoc
	case FixedPatternUncached:
		return fixedPatternDoc + ", and " + uncachedDoc
	}
	return ""
}

const (
	uncachedDoc     = "the result is not kept in a field, a global or a map for later requests"
	fixedPatternDoc = "the pattern is a constant or comes from configuration (a package-level variable, " +
		"a field of the handler's receiver or of a value the handler captured when it was made, the environment)"
)

// NotReported says, in a sentence, which calls to a sink the condition
// leaves out and why, when that is not plain from Doc; it is empty for
// most conditions.
func (c Condition) NotReported() string {
	switch c {
	case FixedPattern, FixedPatternUncached:
		return "A pattern that comes from the request (a form value, a query or path parameter, " +
			"a header, the body) or from a parameter of the function that compiles it is not reported: " +
			"it cannot be compiled ahead of time, Go's regexp engine runs in time linear in its input " +
			"whatever the pattern, so it is no denial of service either, and whether to keep compiled " +
			"patterns in a cache keyed by their text is the application's call. A helper that compiles " +
			"its parameter is not resolved at each call site, even where a caller passes a constant."
	}
	return ""
}

// An Entry describes one sink.
type Entry struct {
	// Name is the callee's full name, as types.Func.FullName gives it.
	Name string
	// Category says what the call costs a request.
	Category Category
	// Family groups related entries in the documentation, such as
	// "password hashing" or "database/sql".
	Family string
	// Why says, in a lower-case clause, why the call is heavy or blocking.
	Why string
	// WhyInSelect, for a TimerWait entry, replaces Why when the wait
	// is a select whose every case receives from a timer, which Why's
	// "outside a select" would misstate.
	WhyInSelect string
	// Remedy says, in a lower-case clause, what to do instead.
	Remedy string
	// ContextForm, for blocking entries, is the full name of the
	// context-aware counterpart, if there is one. Calls to it with
	// context.Background() are reported as BackgroundContext.
	ContextForm string
	// NeedsContext says that the remedy uses the request's context, so
	// a function that calls the sink on a request's behalf must be
	// given that context.
	NeedsContext bool
	// When narrows the calls that are sinks.
	When Condition
	// ConfiguredRemedy, for entries under a FixedPattern condition,
	// replaces Remedy when the pattern comes from configuration rather
	// than a constant: a constant is compiled once at package level,
	// configuration when it is loaded.
	ConfiguredRemedy string
	// OwnCodeOnly says that the call is a sink only in the code of the
	// module under analysis: in a dependency it is the library's wire
	// format (compression in database and HTTP clients) or work behind
	// the library's own caches (regexps compiled while parsing a
	// schema), not a choice the user made or can change at the call.
	OwnCodeOnly bool
}

var (
	byName        = make(map[string]*Entry, len(table))
	byContextForm = make(map[string]*Entry)
)

func init() {
	for i := range table {
		e := &table[i]
		if _, dup := byName[e.Name]; dup {
			panic("catalog: duplicate entry " + e.Name)
		}
		byName[e.Name] = e
		if e.ContextForm != "" {
			// Several blocking forms may share a context form (Query
			// and QueryRow both have QueryContext as their nearest
			// counterpart); the first one listed documents it.
			if _, ok := byContextForm[e.ContextForm]; !ok {
				byContextForm[e.ContextForm] = e
			}
		}
	}
}

// Lookup returns the entry for the function with the given full name.
func Lookup(name string) (*Entry, bool) {
	e, ok := byName[name]
	return e, ok
}

// LookupContextForm reports whether name is the context-aware
// counterpart of a blocking entry, and returns that entry.
func LookupContextForm(name string) (*Entry, bool) {
	e, ok := byContextForm[name]
	return e, ok
}

// Entries returns every entry, ordered by category, family and name.
func Entries() []*Entry {
	entries := make([]*Entry, 0, len(table))
	for i := range table {
		entries = append(entries, &table[i])
	}
	slices.SortStableFunc(entries, func(a, b *Entry) int {
		if d := a.Category.Rank() - b.Category.Rank(); d != 0 {
			return d
		}
		if d := strings.Compare(a.Family, b.Family); d != 0 {
			return d
		}
		return strings.Compare(a.Name, b.Name)
	})
	return entries
}
