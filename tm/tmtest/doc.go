// Package tmtest is the conformance suite of diglot's translation memory:
// every behaviour of [tm.Memory] that the rest of diglot relies on, run on
// each storage engine ([Run] with a [Config] that makes new memories of
// it): keyed lookups, approved entries winning across backends, the
// history of approvals, statistics, TMX export, import, two writers and a
// reader at once, persistence across reopening and schema versions.
package tmtest
