// Package xliff reads and writes XLIFF, the interchange format of CAT tools.
//
// [Read] accepts XLIFF 1.2 and XLIFF 2.0, 2.1 and 2.2 and returns a [File] of
// [Unit] values with plain source and target text, segment states, notes and
// the inline codes in order (for markup checks). It fetches nothing, expands no
// entity beyond the predefined ones, and refuses an XLIFF 2 document that is
// not well formed or breaks the structure of the core specification; every
// error is a [*ParseError] naming the file and line.
//
// [Write] turns a [bitext.Document] into XLIFF 2.1 that validates against the
// OASIS core schema: one unit per segment, one XLIFF segment per sentence when
// the source and target split alike ([SplitSentences]), problems as notes,
// glossary matches in the Glossary module and diglot's metadata in the
// Metadata module. [File.Bitext] turns an edited file back into a document.
package xliff
