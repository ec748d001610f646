// Package backendtest is the conformance suite every diglot translation
// backend runs, offline ones included, driven as a run drives it (through
// the pipeline's [pipeline.Sender], with the backend's own retry policy and
// instant waits): [Run] checks that one request within the limits is one
// request on the server, that order and count survive batches that cross the
// backend's limits (an article of 40,000
// characters, a batch of 300 paragraphs), that protected spans come back
// verbatim, and both sides of nested paired inline codes once each (in
// order, for the backends that send pairs as elements), that rate limits, server errors, resets and timeouts are retried
// and auth and quota errors are not, that cancellation stops a request
// promptly, that an oversized segment is refused clearly, and that the
// backend's credential appears in no error text, whatever the failure (the
// Google client's errors print URLs that hold key=).
//
// A backend test supplies a [Factory] that builds the backend, against a fake
// server for HTTP backends, and says through the [Harness] what applies: a
// backend without a server to fail has no [Faults], and the fault cases are
// skipped.
package backendtest
