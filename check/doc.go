// Package check runs the translation QA rules behind `diglot check` over
// bilingual files, for CI pipelines, and over single segments for
// translate's own verification.
//
// [Collect] expands files and folders into [Input] values: diglot bitext JSON
// (NAME.FROM-TO.json), XLIFF 1.2 and 2.x, TMX 1.4, and source-only articles
// (.txt, .md), which only the source rule source-variant applies to. [Run]
// reads them and returns a [Report] of [Finding] values, one per problem,
// with the rule ids the design fixes: term-missing, term-forbidden,
// source-variant, untranslated, number-mismatch, target-inconsistent and
// markup-mismatch. Two rules look across all the files of a run:
// target-inconsistent (one source translated two ways) and source-variant,
// whose message names where the files use the canonical (or another)
// spelling.
//
// Each rule is a [Rule] value (after golang.org/x/tools/go/analysis's
// Analyzer): its id and default [Severity] (both defined once, for this
// package and package glossary, in internal/rule), its documentation, and a
// Check function that reads one segment through a [Pass] and reports what it
// finds. [Rules] lists them in order; `diglot check --help` and the rule
// table of docs/check.md are generated from that list. A new rule is one new
// file with its Rule value, plus one line in the list.
//
// [SegmentChecker] runs the per-segment rules on one [Segment] at a time, so
// that translate's pipeline records on each segment the findings check would
// report for it: same rule ids, severities and messages.
//
// A segment's note (XLIFF <note>, TMX <note>, bitext issue) containing
// "diglot-ignore" silences its findings, or only those of the rules listed
// after a colon ("diglot-ignore: number-mismatch"); a [Config] disables rules
// or changes their [Severity]. Silenced findings are counted in the
// [Summary]. Input that cannot be read is an error naming the file and line,
// never an empty report.
//
// [Write] renders a report as text, JSON, SARIF 2.1.0 for code scanning
// ([WriteSARIF]) or GitHub Actions workflow commands ([WriteGitHub]).
package check
