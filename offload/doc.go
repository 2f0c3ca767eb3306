// Package offload runs CPU-heavy calls, such as password hashing or image
// encoding, from request handlers on a bounded pool: a fixed number of
// workers, a bounded FIFO queue, and a clear error when both are full.
//
// It is the Go counterpart of Python's run_in_executor with a bounded
// executor, and what blockcheck's suggested fixes wrap heavy calls with.
// It depends on the standard library alone.
//
// # Why
//
// In Go every request already has its own goroutine, so offloading is not
// about freeing an event loop. It is about isolation and admission
// control. When a burst of CPU-heavy requests runs inline, their handlers
// occupy every P, and every endpoint slows down, cheap ones included;
// requests pile up without bound; and work goes on after the client has
// gone. A bounded pool keeps a P free for cheap requests, sheds load early
// with an error that maps to 503, and drops queued work whose context is
// done.
//
// The latency benchmark in bench/offload/latency (go run ./offload/latency
// from bench/, results in bench/offload/RESULTS.md) floods a server's
// 5 ms CPU-bound endpoint from 32 clients while sampling a cheap endpoint,
// on 2 cores. Measured on 2026-11-25, medians of 5 runs of 2 s:
//
//	                              cheap p50   cheap p99   heavy ok/s
//	no heavy load                    182µs       355µs            -
//	heavy work inline                128ms       239ms          351
//	offload, default (1 worker)      115µs         3ms          187
//	offload, 2 workers (1 per P)      51ms       277ms          376
//
// Inline, a cheap request waits behind the heavy ones for over a tenth of
// a second: 15 of them got through in 2 s, against 746 with offload. With
// offload's default a cheap request is served at the median as fast as on
// an idle server, and the rest of the heavy burst is refused early with 503
// and Retry-After (2,500 a second here, as the test clients retry after
// 5 ms) instead of queuing without bound. The price is heavy throughput:
// one worker on two cores serves a little over half the heavy requests
// that inline handlers do. A worker per P gives the throughput back and
// loses the isolation, which is why [DefaultWorkers] leaves a P free.
//
// # Usage
//
// Wrap the heavy call and let [WriteError] answer when the pool says no:
//
//	func signup(w http.ResponseWriter, r *http.Request) {
//		hash, err := offload.Do(r.Context(), func() ([]byte, error) {
//			return bcrypt.GenerateFromPassword(pw, bcrypt.DefaultCost)
//		})
//		if err != nil {
//			offload.WriteError(w, err) // 503 + Retry-After, 504, 500, or nothing if the client left
//			return
//		}
//		...
//	}
//
// Where the handler already answers the task's own errors, [Rejected]
// picks out offload's refusals, to be answered with WriteError first.
//
// [Do], [Value] and [Run] use the default pool, [Default]; [DoOn],
// [ValueOn] and [Pool.Run] take a [Pool] of one's own, made by [New], to
// keep one kind of work from crowding out another. [SetDefault] replaces
// the default pool, typically once in main.
//
// # Guarantees
//
// A Pool never runs more than its workers at once and never queues more
// than its bound; queued tasks start in FIFO order. A task whose context
// is done before it starts never starts, and its caller gets ctx.Err(). A
// caller whose context ends while its task runs gets ctx.Err() at once;
// the task, which Go cannot stop, finishes on its worker, still counted
// against the bound, and its result is dropped. A panic in a task comes
// back as a [*PanicError] with the value and stack, and the pool goes on.
// [Pool.Shutdown] refuses new tasks, lets admitted ones finish, drops the
// queue when its context ends, and leaves no goroutine behind. See [Pool]
// for the details and [Stats] for what is counted.
//
// Errors are [ErrOverloaded] (queue full, or queued for longer than
// [WithMaxWait]), [ErrClosed], context errors and [*PanicError]; test them
// with [errors.Is] and [errors.As], or all but the panic at once with
// [Rejected]. [HTTPStatus] maps them to status codes for frameworks that
// write their own responses.
//
// # Choosing
//
//   - Use offload if you want CPU-heavy calls in handlers bounded, with
//     queueing, load shedding, context handling, panics as errors and
//     statistics, without a dependency.
//   - Use [golang.org/x/sync/semaphore] if you want only a bound and the
//     caller may block until the call ends; it is the cheapest bound, with
//     no queue limit and no early return once the call has started.
//   - Use [golang.org/x/sync/errgroup] with SetLimit if you want to fan a
//     request's own subtasks out and collect the first error.
//   - Use github.com/sourcegraph/conc/pool if you want structured fan-out
//     that re-panics in the waiting goroutine.
//   - Use github.com/panjf2000/ants/v2 if you want long-lived worker
//     goroutines for fire-and-forget tasks at very high rates.
//   - Use github.com/alitto/pond/v2 if you want task groups, futures and a
//     pool that can be resized, at a higher cost per task.
//   - Run the call inline if the server does nothing else, or the call is
//     not heavy: offload adds about a microsecond and a goroutine switch.
//
// # Limitations
//
// A task that has started cannot be stopped: give heavy functions their
// own cancellation checks where they have loops. An abandoned task holds
// its worker until it ends. Tasks run on worker goroutines, which do not
// carry the caller's profiler labels. When the context can never be done
// (context.Background), a task runs on the caller's goroutine; see [Pool].
package offload
