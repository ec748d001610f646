// Package bitext holds the aligned bilingual document that every part of diglot
// shares: the translation pipeline produces a [Document], the renderers in
// package output, the QA rules in package check and the word diff consume it,
// and its JSON form (schema [Schema], written by [Write], read by [Read]) is
// the canonical on-disk record of a run, written as NAME.FROM-TO.json beside
// the other outputs. Members of the JSON a later writer adds are kept
// ([Document.Extra], [Segment.Extra]). A Markdown article's segments carry
// their inline markup as [Code] values ([Segment.Codes],
// [Segment.TargetCodes]); [CodesFit] says whether they still describe the
// text.
//
// [Open] is the one reader of every bilingual file diglot takes in: bitext
// JSON, XLIFF 2.x and 1.2 (package xliff) and TMX (package tmx). It finds
// the format from the content, the same way for every caller, and gives one
// model: a [File] of [Part] values (an XLIFF <file> each) holding [Unit]
// values with an id, a line, plain source and target text, inline [Codes],
// notes, a state and diglot's metadata. [File.Document] gives a part back as
// a Document. Every error is a [*ParseError] naming the file and line.
package bitext
