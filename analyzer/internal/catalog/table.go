package catalog

import (
	"slices"
	"strings"
)

// Shared wording. Each Why is a clause that completes "X calls Y: ...",
// each Remedy a clause that follows it after a semicolon.
const (
	whyPassword = "password hashing is CPU-heavy by design (tens of ms per call)"
	whyKDF      = "key derivation runs thousands of hash rounds by design (ms per call)"
	whyRSAKey   = "RSA key generation searches for large primes (tens to hundreds of ms)"
	whyPrime    = "prime and parameter generation takes tens of ms to seconds"
	whyDecode   = "decoding a whole image is CPU-heavy (ms per megapixel)"
	whyEncode   = "encoding a whole image is CPU-heavy (ms per megapixel)"
	whyResize   = "resampling a whole image is CPU-heavy (ms per megapixel)"
	whyCompress = "compressing a whole payload is CPU-heavy (ms per MB)"
	whyQR       = "rendering a QR code or barcode image is CPU-heavy"
	whyRegexp   = "compiling a regular expression on every request repeats work that can be done once"
	whyTemplate = "reading and parsing templates on every request repeats work that can be done once"

	remedyOffload          = "run it with offload"
	remedyRegexp           = "compile it once, at package level or with sync.OnceValue"
	remedyRegexpConfigured = "cache the compiled regexp (compile it once when the configuration is loaded)"
	remedyTemplate         = "parse templates once at startup"

	whySleep       = "time.Sleep ignores the request's cancellation"
	whyTimer       = "waiting on a timer outside a select ignores the request's cancellation"
	whyTimerSelect = "a select whose every case waits on a timer ignores the request's cancellation"
	remedySleep    = "wait in a select on the timer and ctx.Done()"

	whySQL  = "the query ignores the request's cancellation and keeps its connection busy after the client has gone"
	whyExec = "a command started by exec.Command keeps running after the client has gone"
	whyHTTP = "an outbound HTTP request without the request's context keeps running after the client has gone"
	whyDial = "dialing without a context ignores the request's cancellation"
	whyDNS  = "a DNS lookup without a context ignores the request's cancellation"
	whySMTP = "SMTP has no context-aware API; the call blocks on the network until its own timeouts"
	whyLDAP = "dialing LDAP blocks on the network without the request's cancellation"
	whyRPC  = "net/rpc calls block until the server answers, whatever the request's state"

	whyFastHTTP    = "a fasthttp request without a deadline can block for as long as the remote takes"
	remedyFastHTTP = "use DoTimeout or DoDeadline with the request's deadline"
)

func cpu(family, why, remedy string, names ...string) []Entry {
	entries := make([]Entry, len(names))
	for i, name := range names {
		entries[i] = Entry{Name: name, Category: CPUHeavy, Family: family, Why: why, Remedy: remedy}
	}
	return entries
}

// ctxForm is a blocking call and its context-aware counterpart.
type ctxForm struct{ name, contextForm string }

func blocking(family, why string, when Condition, forms ...ctxForm) []Entry {
	entries := make([]Entry, len(forms))
	for i, f := range forms {
		remedy := "pass it the request's context"
		if f.contextForm != "" {
			remedy = "use " + shortName(f.contextForm) + " with the request's context"
		}
		entries[i] = Entry{
			Name: f.name, Category: Blocking, Family: family, Why: why, Remedy: remedy,
			ContextForm: f.contextForm, NeedsContext: f.contextForm != "", When: when,
		}
	}
	return entries
}

func withRemedy(remedy string, entries []Entry) []Entry {
	for i := range entries {
		entries[i].Remedy = remedy
	}
	return entries
}

// ownCodeOnly marks entries that are sinks only in the module's own code.
func ownCodeOnly(entries []Entry) []Entry {
	for i := range entries {
		entries[i].OwnCodeOnly = true
	}
	return entries
}

// uncached marks entries that are sinks only when their result is not
// kept for later requests.
func uncached(entries []Entry) []Entry {
	for i := range entries {
		entries[i].When = Uncached
	}
	return entries
}

// compiles marks entries that compile their first argument, a
// pattern: they are sinks under when, one of the FixedPattern
// conditions, and remedy is their remedy for a pattern from
// configuration.
func compiles(when Condition, remedy string, entries []Entry) []Entry {
	for i := range entries {
		entries[i].When = when
		entries[i].ConfiguredRemedy = remedy
	}
	return entries
}

// waits marks entries whose remedy is to wait on the request's context.
func waits(entries []Entry) []Entry {
	for i := range entries {
		entries[i].NeedsContext = true
	}
	return entries
}

// inSelect sets the explanation of waits in a select of timers only.
func inSelect(why string, entries []Entry) []Entry {
	for i := range entries {
		entries[i].WhyInSelect = why
	}
	return entries
}

// sqlForms lists the non-context methods of a database/sql-like type
// and their context-aware forms: method names, each followed by its
// counterpart.
func sqlForms(recv string, pairs ...string) []ctxForm {
	var forms []ctxForm
	for i := 0; i+1 < len(pairs); i += 2 {
		forms = append(forms, ctxForm{recv + pairs[i], recv + pairs[i+1]})
	}
	return forms
}

var table = slices.Concat(
	// CPU-heavy.
	cpu("password hashing", whyPassword, remedyOffload,
		"golang.org/x/crypto/bcrypt.GenerateFromPassword",
		"golang.org/x/crypto/bcrypt.CompareHashAndPassword",
		"golang.org/x/crypto/scrypt.Key",
		"golang.org/x/crypto/argon2.Key",
		"golang.org/x/crypto/argon2.IDKey",
		"github.com/alexedwards/argon2id.CreateHash",
		"github.com/alexedwards/argon2id.ComparePasswordAndHash",
	),
	cpu("password hashing", whyKDF, remedyOffload,
		"golang.org/x/crypto/pbkdf2.Key",
		"crypto/pbkdf2.Key",
	),
	cpu("key generation", whyRSAKey, remedyOffload,
		"crypto/rsa.GenerateKey",
		"crypto/rsa.GenerateMultiPrimeKey",
	),
	cpu("key generation", whyPrime, remedyOffload,
		"crypto/rand.Prime",
		"crypto/dsa.GenerateParameters",
	),
	cpu("image codecs", whyDecode, remedyOffload,
		"image.Decode",
		"image/png.Decode",
		"image/jpeg.Decode",
		"image/gif.Decode",
		"image/gif.DecodeAll",
		"golang.org/x/image/webp.Decode",
		"golang.org/x/image/bmp.Decode",
		"golang.org/x/image/tiff.Decode",
		"github.com/disintegration/imaging.Decode",
		"github.com/disintegration/imaging.Open",
	),
	cpu("image codecs", whyEncode, remedyOffload,
		"image/png.Encode",
		"(*image/png.Encoder).Encode",
		"image/jpeg.Encode",
		"image/gif.Encode",
		"image/gif.EncodeAll",
		"golang.org/x/image/bmp.Encode",
		"golang.org/x/image/tiff.Encode",
		"github.com/disintegration/imaging.Encode",
		"github.com/disintegration/imaging.Save",
	),
	cpu("image processing", whyResize, remedyOffload,
		"github.com/disintegration/imaging.Resize",
		"github.com/disintegration/imaging.Fit",
		"github.com/disintegration/imaging.Fill",
		"github.com/disintegration/imaging.Thumbnail",
		"github.com/disintegration/imaging.Blur",
		"github.com/disintegration/imaging.Sharpen",
		"github.com/disintegration/imaging.Rotate",
		"github.com/nfnt/resize.Resize",
		"github.com/nfnt/resize.Thumbnail",
		"(*golang.org/x/image/draw.Kernel).Scale",
		"(*golang.org/x/image/draw.Kernel).Transform",
	),
	ownCodeOnly(cpu("compression", whyCompress, remedyOffload,
		"(*compress/gzip.Writer).Write",
		"(*compress/flate.Writer).Write",
		"(*compress/zlib.Writer).Write",
		"(*archive/zip.Writer).Create",
		"(*github.com/klauspost/compress/gzip.Writer).Write",
		"(*github.com/klauspost/compress/flate.Writer).Write",
		"(*github.com/klauspost/compress/zlib.Writer).Write",
		"(*github.com/klauspost/compress/zstd.Encoder).EncodeAll",
		"(*github.com/klauspost/compress/zstd.Encoder).Write",
		"(*github.com/klauspost/pgzip.Writer).Write",
		"(*github.com/andybalholm/brotli.Writer).Write",
		"github.com/valyala/fasthttp.AppendGzipBytes",
		"github.com/valyala/fasthttp.AppendGzipBytesLevel",
		"github.com/valyala/fasthttp.AppendDeflateBytes",
		"github.com/valyala/fasthttp.AppendDeflateBytesLevel",
		"github.com/valyala/fasthttp.AppendBrotliBytes",
		"github.com/valyala/fasthttp.AppendBrotliBytesLevel",
		"github.com/valyala/fasthttp.WriteGzip",
		"github.com/valyala/fasthttp.WriteGzipLevel",
		"github.com/valyala/fasthttp.WriteDeflate",
		"github.com/valyala/fasthttp.WriteDeflateLevel",
		"github.com/valyala/fasthttp.WriteBrotli",
		"github.com/valyala/fasthttp.WriteBrotliLevel",
	)),
	cpu("QR codes and barcodes", whyQR, remedyOffload,
		"github.com/skip2/go-qrcode.Encode",
		"github.com/skip2/go-qrcode.WriteFile",
		"(*github.com/skip2/go-qrcode.QRCode).PNG",
		"(*github.com/skip2/go-qrcode.QRCode).Write",
		"(*github.com/skip2/go-qrcode.QRCode).WriteFile",
		"github.com/boombuler/barcode/qr.Encode",
		"github.com/boombuler/barcode.Scale",
		"rsc.io/qr.Encode",
	),
	// Compiling and parsing are per-request waste in the module's own
	// code; in a dependency they usually sit behind the library's own
	// cache (gorm parses a model's schema, and compiles its regexps,
	// once per type), which the analysis cannot see.
	//
	// A regexp is per-request waste only when its pattern could have
	// been compiled before the request: a constant, or configuration.
	// Templates are parsed from files, a set that start-up can parse
	// whichever one a request names, so they keep Uncached alone.
	ownCodeOnly(compiles(FixedPatternUncached, remedyRegexpConfigured, cpu("regular expressions", whyRegexp, remedyRegexp,
		"regexp.Compile",
		"regexp.MustCompile",
		"regexp.CompilePOSIX",
		"regexp.MustCompilePOSIX",
	))),
	ownCodeOnly(compiles(FixedPattern, remedyRegexpConfigured, cpu("regular expressions", whyRegexp, remedyRegexp,
		"regexp.Match",
		"regexp.MatchString",
		"regexp.MatchReader",
	))),
	ownCodeOnly(uncached(cpu("templates", whyTemplate, remedyTemplate,
		"html/template.ParseFiles",
		"html/template.ParseGlob",
		"html/template.ParseFS",
		"(*html/template.Template).ParseFiles",
		"(*html/template.Template).ParseGlob",
		"(*html/template.Template).ParseFS",
		"text/template.ParseFiles",
		"text/template.ParseGlob",
		"text/template.ParseFS",
		"(*text/template.Template).ParseFiles",
		"(*text/template.Template).ParseGlob",
		"(*text/template.Template).ParseFS",
	))),

	// Blocking.
	// A constant sleep of a millisecond or two, outside any loop, is
	// reported like a longer one. It costs the request little, but it
	// still ignores the request's cancellation, so the finding is
	// true; under a lock it is paid by every request queued behind it;
	// and a threshold would be one more rule, with a number to defend.
	// A deliberate pause takes a //blockcheck:ignore with its reason.
	waits(withRemedy(remedySleep, blocking("sleeps and timers", whySleep, OutsideContextLoop,
		ctxForm{"time.Sleep", ""},
	))),
	inSelect(whyTimerSelect, waits(withRemedy(remedySleep, blocking("sleeps and timers", whyTimer, TimerWait,
		ctxForm{"time.After", ""},
		ctxForm{"time.NewTimer", ""},
	)))),
	blocking("database/sql", whySQL, Always, slices.Concat(
		sqlForms("(*database/sql.DB).",
			"Query", "QueryContext", "QueryRow", "QueryRowContext", "Exec", "ExecContext",
			"Begin", "BeginTx", "Prepare", "PrepareContext", "Ping", "PingContext"),
		sqlForms("(*database/sql.Tx).",
			"Query", "QueryContext", "QueryRow", "QueryRowContext", "Exec", "ExecContext",
			"Prepare", "PrepareContext", "Stmt", "StmtContext"),
		sqlForms("(*database/sql.Stmt).",
			"Query", "QueryContext", "QueryRow", "QueryRowContext", "Exec", "ExecContext"),
	)...),
	blocking("sqlx", whySQL, Always, slices.Concat(
		sqlForms("(*github.com/jmoiron/sqlx.DB).",
			"Get", "GetContext", "Select", "SelectContext", "Queryx", "QueryxContext",
			"QueryRowx", "QueryRowxContext", "NamedExec", "NamedExecContext",
			"NamedQuery", "NamedQueryContext", "MustExec", "MustExecContext",
			"Preparex", "PreparexContext", "PrepareNamed", "PrepareNamedContext",
			"Beginx", "BeginTxx", "MustBegin", "MustBeginTx"),
		sqlForms("(*github.com/jmoiron/sqlx.Tx).",
			"Get", "GetContext", "Select", "SelectContext", "Queryx", "QueryxContext",
			"QueryRowx", "QueryRowxContext", "NamedExec", "NamedExecContext",
			"MustExec", "MustExecContext", "Preparex", "PreparexContext",
			"PrepareNamed", "PrepareNamedContext"),
		sqlForms("(*github.com/jmoiron/sqlx.Stmt).",
			"Get", "GetContext", "Select", "SelectContext", "Queryx", "QueryxContext",
			"QueryRowx", "QueryRowxContext", "MustExec", "MustExecContext"),
		sqlForms("(*github.com/jmoiron/sqlx.NamedStmt).",
			"Exec", "ExecContext", "Query", "QueryContext", "QueryRow", "QueryRowContext",
			"Get", "GetContext", "Select", "SelectContext", "MustExec", "MustExecContext"),
		sqlForms("github.com/jmoiron/sqlx.",
			"Get", "GetContext", "Select", "SelectContext", "NamedExec", "NamedExecContext",
			"NamedQuery", "NamedQueryContext", "MustExec", "MustExecContext"),
	)...),
	blocking("os/exec", whyExec, CommandWithoutContext,
		ctxForm{"(*os/exec.Cmd).Run", "os/exec.CommandContext"},
		ctxForm{"(*os/exec.Cmd).Output", "os/exec.CommandContext"},
		ctxForm{"(*os/exec.Cmd).CombinedOutput", "os/exec.CommandContext"},
		ctxForm{"(*os/exec.Cmd).Wait", "os/exec.CommandContext"},
	),
	blocking("net/http client", whyHTTP, Always,
		ctxForm{"net/http.Get", "net/http.NewRequestWithContext"},
		ctxForm{"net/http.Head", "net/http.NewRequestWithContext"},
		ctxForm{"net/http.Post", "net/http.NewRequestWithContext"},
		ctxForm{"net/http.PostForm", "net/http.NewRequestWithContext"},
		ctxForm{"(*net/http.Client).Get", "net/http.NewRequestWithContext"},
		ctxForm{"(*net/http.Client).Head", "net/http.NewRequestWithContext"},
		ctxForm{"(*net/http.Client).Post", "net/http.NewRequestWithContext"},
		ctxForm{"(*net/http.Client).PostForm", "net/http.NewRequestWithContext"},
	),
	blocking("net/http client", whyHTTP, RequestWithoutContext,
		ctxForm{"(*net/http.Client).Do", "net/http.NewRequestWithContext"},
	),
	blocking("dialing", whyDial, Always,
		ctxForm{"net.Dial", "(*net.Dialer).DialContext"},
		ctxForm{"net.DialTimeout", "(*net.Dialer).DialContext"},
		ctxForm{"(*net.Dialer).Dial", "(*net.Dialer).DialContext"},
		ctxForm{"net.DialTCP", "(*net.Dialer).DialContext"},
		ctxForm{"net.DialUnix", "(*net.Dialer).DialContext"},
		ctxForm{"crypto/tls.Dial", "(*crypto/tls.Dialer).DialContext"},
		ctxForm{"crypto/tls.DialWithDialer", "(*crypto/tls.Dialer).DialContext"},
		ctxForm{"(*crypto/tls.Dialer).Dial", "(*crypto/tls.Dialer).DialContext"},
	),
	blocking("DNS lookups", whyDNS, Always,
		ctxForm{"net.LookupHost", "(*net.Resolver).LookupHost"},
		ctxForm{"net.LookupIP", "(*net.Resolver).LookupIP"},
		ctxForm{"net.LookupAddr", "(*net.Resolver).LookupAddr"},
		ctxForm{"net.LookupCNAME", "(*net.Resolver).LookupCNAME"},
		ctxForm{"net.LookupMX", "(*net.Resolver).LookupMX"},
		ctxForm{"net.LookupNS", "(*net.Resolver).LookupNS"},
		ctxForm{"net.LookupTXT", "(*net.Resolver).LookupTXT"},
		ctxForm{"net.LookupSRV", "(*net.Resolver).LookupSRV"},
		ctxForm{"net.LookupPort", "(*net.Resolver).LookupPort"},
	),
	withRemedy("send from a bounded background worker, not the request goroutine",
		blocking("mail", whySMTP, Always,
			ctxForm{"net/smtp.Dial", ""},
			ctxForm{"net/smtp.SendMail", ""},
		)),
	withRemedy("dial with a net.Dialer bound to the request's context (ldap.DialWithDialer) or from a bounded pool",
		blocking("LDAP", whyLDAP, Always,
			ctxForm{"github.com/go-ldap/ldap/v3.DialURL", ""},
			ctxForm{"github.com/go-ldap/ldap/v3.Dial", ""},
			ctxForm{"github.com/go-ldap/ldap/v3.DialTLS", ""},
		)),
	withRemedy("use Go with a select on ctx.Done()",
		blocking("net/rpc", whyRPC, Always,
			ctxForm{"(*net/rpc.Client).Call", ""},
		)),
	withRemedy(remedyFastHTTP, blocking("fasthttp client", whyFastHTTP, Always,
		ctxForm{"github.com/valyala/fasthttp.Do", ""},
		ctxForm{"github.com/valyala/fasthttp.Get", ""},
		ctxForm{"github.com/valyala/fasthttp.Post", ""},
		ctxForm{"(*github.com/valyala/fasthttp.Client).Do", ""},
		ctxForm{"(*github.com/valyala/fasthttp.Client).Get", ""},
		ctxForm{"(*github.com/valyala/fasthttp.Client).Post", ""},
		ctxForm{"(*github.com/valyala/fasthttp.HostClient).Do", ""},
		ctxForm{"(*github.com/valyala/fasthttp.HostClient).Get", ""},
		ctxForm{"(*github.com/valyala/fasthttp.HostClient).Post", ""},
		ctxForm{"(*github.com/valyala/fasthttp.LBClient).Do", ""},
		ctxForm{"(*github.com/valyala/fasthttp.PipelineClient).Do", ""},
	)),
)

var categoryDocs = map[Category]string{
	CPUHeavy: `Calls that burn CPU for milliseconds or more each time: password hashing,
RSA key generation, image decoding, encoding and resizing, compression of whole
payloads, QR codes; and work that should be done once but is repeated per request
(compiling regular expressions from constant or configured patterns, parsing
template files).

Go gives every request its own goroutine, so such a call does not freeze a loop
as it would in Python's asyncio. It still hurts: a burst of requests runs the
work on every P at once, and the latency of every endpoint rises with it;
requests pile up with no admission control; and the work goes on after the
client has gone. Run it through a bounded pool (the offload package) with the
request's context, so cheap endpoints stay fast and overload is shed early with
a 503. For per-request compilation, do the work once instead.

Cheap calls are never reported: hashing a token with SHA-256, encoding a small
JSON value, ECDSA or Ed25519 key generation (tens of microseconds).`,

	Blocking: `Calls that wait on the network, a process or the clock without the request's
context: time.Sleep, database/sql without the Context forms, exec.Command,
http.Get and requests built by http.NewRequest, net.Dial, DNS lookups, SMTP,
LDAP, fasthttp without a deadline.

When the client goes away or the request's deadline passes, these calls keep
running: they hold a connection, a process or a goroutine for nothing. Use the
context-aware form with the request's context (QueryContext, CommandContext,
NewRequestWithContext, Dialer.DialContext, a select on ctx.Done()).`,

	BackgroundContext: `Context-aware calls given context.Background() or context.TODO() on a request
path: the catalog's context-aware forms, and functions of dependencies that
block somewhere inside (reported at the call, not for what they block on).
They can be cancelled, but not by the request: a client that gives up leaves
them running. Pass the request's context (r.Context(), c.Request.Context(),
the gRPC method's ctx) instead. This category is less severe than the others.`,
}

// shortName returns a full function name without its package path:
// "QueryContext" for "(*database/sql.DB).QueryContext",
// "exec.CommandContext" for "os/exec.CommandContext".
func shortName(name string) string {
	if name[0] == '(' {
		return name[strings.LastIndexByte(name, '.')+1:]
	}
	return name[strings.LastIndexByte(name, '/')+1:]
}
