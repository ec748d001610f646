// Package xliff reads and writes XLIFF, the interchange format of CAT tools.
//
// [Read] accepts XLIFF 1.2 and XLIFF 2.0, 2.1 and 2.2 and returns a [File] of
// [Unit] values with plain source and target text, segment states, notes and
// the inline codes in order (for markup checks). It fetches nothing, expands no
// entity beyond the predefined ones, and refuses an XLIFF 2 document that is
// not well formed or breaks the structure of the core specification; every
// error is a [*ParseError] naming the file and line.
//
// [Write12] writes a [Doc] as XLIFF 1.2 that validates against the OASIS
// strict schema, what CAT tools read: sentences as <mrk mtype="seg"> in a
// <seg-source> mirrored in the <target>, terms as <mrk mtype="term">, target
// states with their qualifier, Markdown inline markup as <bpt>/<ept> and
// <ph> codes holding the markup, and diglot's metadata in context-groups
// ([GroupDiglot], [GroupTerm]) that [Read] reads back; [Options12] has the
// shape OmegaT 3.6 wants, the source in <target>.
//
// [Write] writes a [Doc] as XLIFF 2.1 that validates against the OASIS core
// schema: one unit per [DocUnit], one XLIFF segment per sentence when the
// source and target split alike ([SplitSentences]), notes, glossary matches
// in the Glossary module and diglot's metadata in the Metadata module.
//
// The package knows XLIFF only: the conversion of a diglot document to a
// [Doc] is in package output, and package bitext reads a [File] back into
// one. The XML plumbing (encodings, no entity expansion, a nesting limit,
// located errors) is shared with the TMX and TBX readers.
package xliff
