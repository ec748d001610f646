// Package engine runs a backend's wire requests for the HTTP backends of
// diglot: it splits a [translate.Request] into requests that fit the backend's
// [translate.Limits], sends them with bounded concurrency and the backend's
// [translate.RetryPolicy], halves a batch the server refuses as too large, and
// reassembles one [translate.Result] per segment, in order.
//
// A backend supplies only its protocol, as a [Wire]: how a segment is written
// for the wire (markup or placeholders protecting glossary terms), how one
// request is sent and its reply read, and how a reply is turned back into text.
package engine
