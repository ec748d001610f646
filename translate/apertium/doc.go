// Package apertium is diglot's offline default [translate.Backend]: the
// Apertium rule-based engine, run either as local pipelines of Apertium's own
// programs or through an APY server (apertium-apy, the HTTP front end).
//
// Debian ships no French→English pair, so the backend finds a path through the
// installed pairs and chains them: fr→es (apertium-fr-es) then es→en
// (apertium-eng-spa). Each step's unknown-word marks (*, # and @) are removed from
// the text and recorded in [translate.Result.Unknown] before the next step sees it.
//
// # Local mode
//
// Starting an Apertium pipeline costs about a second, so the backend starts one
// per step and keeps it running for the whole run in null-flush mode (-z), as APY
// does: each segment is written as one chunk ended by a NUL byte, and the reply is
// read up to the NUL that ends it. Every chunk carries a superblank holding its
// sequence number, which Apertium passes through untouched; a reply whose number
// is not the expected one is a misalignment and fails the request instead of
// shifting it. A pipeline that hangs past the timeout or dies is stopped and
// started again on the next request.
//
// # APY mode
//
// With an endpoint, the backend posts batches to APY's /translate, one request
// per step of the route, removing and recording the marks between steps as
// local mode does (/translateChain would hand each step's marks to the next).
// Text goes as HTML with *, # and @ as character references, so that every
// such character in the reply is a mark and a writer's @handle, #hashtag or
// **bold** comes back intact. A batch is bounded in bytes (APY was seen to
// truncate large replies silently), its segments are separated by blank lines,
// and the number of paragraphs in each reply is checked: a reply with the wrong
// count is split in halves and sent again, down to single segments, so an
// alignment is never shifted.
//
// Both modes make a run of blanks one superblank, as apertium-destxt does, so
// that they give the same text for the same paragraph.
//
// # Routes
//
// The route for a pair is a direct mode, else the documented chain
// (fr-es+spa-eng for fr→en) whatever else is installed, else the shortest
// chain; the route option names another, checked against the installed ones.
package apertium
