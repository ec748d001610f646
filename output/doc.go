// Package output renders a [bitext.Document] for people and tools: the
// self-contained side-by-side review page ([WriteHTML]), Markdown in an
// interleaved or a table layout ([WriteMarkdown]), the canonical JSON record
// ([WriteJSON]), XLIFF 1.2 for CAT tools ([WriteXLIFF12]) or 2.1
// ([WriteXLIFF]), TMX 1.4
// ([WriteTMX]) and the index page of a run ([WriteIndex]).
//
// It also owns the word-level diff that the review page and `diglot diff` show:
// [WordDiff] splits text into words and the spaces and punctuation between them,
// diffs the token sequences with github.com/sergi/go-diff and cleans the result
// up semantically, so an editor sees whole words replaced rather than character
// soup. [WordEdits] counts word edits the way HTER does, and [Compare] pairs the
// segments of two editions of an article for `diglot diff` ([Comparison.WriteText],
// [Comparison.WriteJSON], [Comparison.WriteHTML]); [Changes] gives the count
// of changed segments an index entry shows.
//
// Output paths mirror the input tree: [BaseName] maps "a/b/c.txt" to
// "a/b/c.fr-en", to which the caller adds ".html", ".md", ".json" and so on.
//
// Nothing here prints or exits: every renderer writes to the [io.Writer] it is
// given and returns an error.
package output
