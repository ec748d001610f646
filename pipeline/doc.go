// Package pipeline takes one article through a translation backend: the
// translation memory first, then glossary protection, batching to the
// backend's limits, pacing, the requests themselves, and verification and
// repair of the terms in what comes back.
//
// A [Pipeline] is made once per run by [New] from a [Config] and is safe for
// concurrent use, one article per goroutine. It declares the [Memory] it
// needs; *tm.Memory satisfies it, and tests may use an in-memory one.
package pipeline
