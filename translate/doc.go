// Package translate defines the contract between diglot and its machine
// translation engines. It imports no storage, no article reader and no file
// format: the pipeline that drives backends is package pipeline.
//
// A [Backend] has one method, Translate, that takes a batch of [Segment]s and
// returns exactly one [Result] per segment, in order, or an error. Optional
// capabilities are separate interfaces found by type assertion: [Limited] (request
// limits), [PairLister] (the language pairs a backend serves), [Retrier] (its
// retry policy), [SpanProtector] (a native way to keep spans), [GlossaryUser]
// (a glossary the engine holds itself, given its [Term]s once per run),
// [GlossaryPruner] (deleting those it no longer needs) and io.Closer.
// A backend neither batches nor retries: it sends the request it is given,
// refuses one over its limits ([CheckLimits]) and maps failures onto the
// sentinels ([ErrRateLimited], [ErrUnavailable], [*StatusError] with
// Retry-After, …); the pipeline batches and retries.
//
// Options are declared with a kind and choices ([Option]); [Registry.New]
// checks them all in one place before a backend is built.
//
// Backends live in their own packages (translate/apertium, translate/google, …),
// import this package and never the reverse; [Registry] collects their [Info] and
// main fills it explicitly.
//
// Glossary terms reach a [SpanProtector] as protected spans ([Span]): it must
// return the span's replacement verbatim where the span stood. Every other
// backend gets the pipeline's placeholders ([Placeholders]) and passes them
// through; the pipeline restores them ([Restore]).
package translate
