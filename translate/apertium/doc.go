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
// does. A request's segments travel in as few chunks as fit in 16 KiB, each
// chunk ended by a NUL byte (one flush through the pipeline's programs, however
// many segments it holds), and the reply to each chunk is read up to the NUL that
// ends it. Every segment is opened by a superblank holding its sequence number,
// which Apertium passes through untouched: a reply must hold each of its
// chunk's numbers once, in order, and each segment's output must end where its
// input ended. Otherwise the chunk is sent again one segment a chunk, and a
// segment that still comes back out of step fails the request; an alignment is
// never shifted.
//
// Within a chunk Apertium's transfer keeps its state from one sentence to the
// next (the gender it gave a noun that has none in French, for instance), as it
// does in a raw `apertium` run over a whole text and in APY: a paragraph's words
// may depend on the paragraphs sent before it in the same request.
//
// Requests do not wait for each other's replies: a step's process is written
// the next request as soon as the last one is written, while a goroutine reads
// the replies and hands them to the requests in order, so the pipeline never
// drains between articles. A pipeline that makes no progress for the timeout,
// or dies, is stopped (failing the requests it held, which are retried) and
// started again on the next request. One pipeline keeps about 6.7 cores busy
// (its busiest program, fr-es transfer, takes 15% of its CPU), so a mode runs a
// second process only on machines with more cores than that, and requests go to
// the least busy.
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
