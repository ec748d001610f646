// Package translate defines the contract between diglot and its machine
// translation engines. It imports no storage, no article reader and no file
// format: the pipeline that drives backends is package pipeline.
//
// A [Backend] has one method, Translate, that takes a batch of [Segment]s and
// returns exactly one [Result] per segment, in order, or an error. Optional
// capabilities are separate interfaces found by type assertion: [Limited] (request
// limits), [PairLister] (the language pairs a backend serves) and io.Closer.
//
// Backends live in their own packages (translate/apertium, translate/google, …),
// import this package and never the reverse; [Registry] collects their [Info] and
// main fills it explicitly.
//
// Glossary terms reach a backend as protected spans ([Span]): the backend must
// return the span's replacement verbatim where the span stood. Backends that have
// no native mechanism use [Protect], which swaps spans for opaque placeholders.
package translate
