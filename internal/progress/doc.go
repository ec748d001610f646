// Package progress shows how far a batch run of diglot translate has got, on
// stderr, in the form that suits where stderr goes.
//
// The translate command reports cumulative [Counts] to a [Reporter] made by
// [New]: [Reporter.Update] after every batch, [Reporter.Article] once per
// finished article, and [Reporter.Close] at the end. The [Mode] picks the
// form:
//
//   - [ModeBar]: a live display drawn with github.com/vbauerster/mpb/v8 and
//     redrawn at most 10 times a second: a bar of articles with counts,
//     articles/s, characters/s and ETA, and below it a line of counters
//     (segments, memory hits, backend calls, characters, retries, skipped,
//     failed). A failed article is printed above the bar as it happens.
//   - [ModeLines]: a plain progress line at most every [LineInterval], a line
//     for each failed article at once, and a closing line.
//   - [ModeJSON]: the same as JSON objects, one a line, for pipelines: an
//     "article" event for every article, throttled "progress" events and a
//     final "done" event.
//   - [ModeQuiet]: nothing.
//   - [ModeAuto]: the bar on a terminal, lines elsewhere.
//
// Paths and error texts come from outside (file names, servers' error
// bodies): every mode writes them through internal/termsafe, so that no
// control character, escape sequence or bidirectional control reaches the
// terminal raw. The line modes show them made visible (\x1b, \u202e) with
// line breaks as spaces; JSON escapes them, so that the decoded values are
// exactly what was passed.
//
// Rates and the ETA are averages since [New] measured with the injected
// clock, so tests are deterministic. Nothing is ever coloured (NO_COLOR holds
// by construction). Reporters are safe for concurrent use; since each call
// carries running totals, a call that arrives late with older totals never
// moves the display backwards.
package progress
