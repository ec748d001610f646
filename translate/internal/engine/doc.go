// Package engine runs one backend's wire requests for the HTTP backends of
// diglot: it encodes a [translate.Request], refuses it if it is over the
// backend's [translate.Limits] (the pipeline batches to them), sends it as
// one request within a per-attempt timeout, and decodes one
// [translate.Result] per segment, in order. It does not batch and does not
// retry: the pipeline owns both, for every backend.
//
// A backend supplies only its protocol, as a [Wire]: how a segment is written
// for the wire (markup protecting glossary terms), how one request is sent and
// its reply read, and how a reply is turned back into text. [Tags] is that
// markup for the backends that take HTML or XML: paired inline codes as
// elements the engine moves with their words, other spans kept verbatim.
package engine
