// Package testkit holds the test support that several packages of the module
// share: golden files rewritten with go test -update, the shared third-party
// corpus beside the module, validation with xmllint, and the CPU time and
// peak memory that benchmarks report.
//
// It is an ordinary package so that every package's tests can import it, but
// only _test.go files may: nothing that diglot builds depends on it.
package testkit
