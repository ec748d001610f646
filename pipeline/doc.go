// Package pipeline takes one article through a translation backend: the
// translation memory first, then glossary protection, batching to the
// backend's limits, pacing, the requests themselves, and verification and
// repair of the terms in what comes back.
//
// It is the one owner of what concerns every backend alike, in [Sender]:
// batches cut to [translate.Limits], requests in flight bounded, characters
// paced, each request retried with the backend's own
// [translate.RetryPolicy] (from [translate.Retrier]; never for auth, quota or
// bad-request errors) and halved when the server refuses it as too large,
// and glossary spans replaced by placeholders for every backend that is not a
// [translate.SpanProtector]. How terms are applied is a [Strategy]: [Protect]
// sends placeholders and translates again without them (then repairs) a
// paragraph whose placeholders did not all come back; [VerifyFirst] sends the
// text as it is and translates again with placeholders only the paragraphs
// whose terms came out wrong. A term still wrong is a term-missing issue that
// says what happened; no target ever holds a placeholder or a residue of one.
// Every translated segment gets the findings `diglot check` would report for
// it ([check.SegmentChecker]). A backend with glossaries of its own
// ([translate.GlossaryUser]) gets the run's glossary ([Terms]) once, before
// its first request, and its output is verified all the same.
//
// The Sender is also the run's breaker: the first account-wide refusal
// (quota exhausted, key refused: [translate.AccountWide]) stops every later
// request of the run, for all articles; requests in flight finish, and the
// rest fail with [ErrNotAttempted] ([Sender.Broken], [Pipeline.Broken]). A
// request waiting out its back-off does not hold an in-flight slot. The
// backend's start-up call is retried the same way by [Prepare].
//
// A [Pipeline] is made once per run by [New] from a [Config] and is safe for
// concurrent use, one article per goroutine. It declares the [Memory] it
// needs; *tm.Memory satisfies it, and tests may use an in-memory one.
package pipeline
