// Package glossary loads terminology glossaries, finds their terms in French
// text, and verifies and repairs translations against them.
//
// A [Glossary] holds [Entry] values: one or more source forms (the canonical
// one first, then spelling variants), extra inflected forms, one required
// target term, allowed target forms and forbidden ones. [Load] reads the
// two-column TSV and CSV that DeepL and Google accept (rows sharing a target
// are variants of one entry), TBX v2 (<martif>) and v3 (ISO 30042:2019,
// <tbx>), and the native YAML format; several files may be given, later ones
// win and each clash is kept as a [Conflict]. [Write] converts between the
// formats and [Lint] reports suspicious entries.
//
// [Glossary.Matcher] builds a [Matcher] once per run: one trie over the
// normalised words of every source form, so matching costs one hash lookup
// per word of text whatever the size of the glossary. Matching is on
// normalised text: Unicode NFC; case folded unless the entry is case
// sensitive (acronyms always are: short all-capitals forms such as "UE", and
// one-word all-capitals forms, which from three letters also match in title
// case, "Otan" for "OTAN", unless that is a common French word; never in
// lower case); the
// apostrophes ' ’ ‘ ʼ ′ equal; hyphen, en dash, space and no-break spaces
// equal inside a term; French elisions (l’, d’, qu’, jusqu’…) word
// boundaries; whole words only, any Unicode letter counting as a letter;
// leftmost-longest over overlapping terms. Inflected forms match when the
// entry lists them (Forms) or asks for the light French stemmer (Stem). Every
// [Match] gives exact byte offsets into the original text.
//
// After translation, [Enforce] checks that each matched entry's target is
// present (in any allowed form: listed target forms, English plurals and
// possessives, other casing), replaces source forms left untranslated and
// forbidden forms by the target cased as the text requires ([CaseTarget]),
// and reports what still fails as [Problem] values with the QA rule ids
// term-missing and term-forbidden. [Glossary.Fingerprint] identifies a
// glossary's content for the translation memory.
package glossary
