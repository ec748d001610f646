// Package servertest is the shared harness of diglot's fake translation
// servers: an [httptest.Server] that counts requests and requests in flight,
// adds latency, injects [Fault]s on demand in the vendor's error format
// ([Dialect]), records requests over the vendor's limits, and fails the test on
// any request the vendor's API would not expect.
//
// The servers "translate" with [Translate], a small French→English word table
// that leaves every other word alone, so tests can predict every reply;
// [TranslateMarkup] does the same for well-formed HTML or XML, keeping
// protected elements verbatim and moving or breaking other elements by rules
// tests can predict.
package servertest
