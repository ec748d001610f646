// Package tm is diglot's translation memory: every translated segment, kept
// in an SQLite file (by default [DefaultPath]) so that a re-run sends only
// new text to the backend, and editors' corrections win over machine output.
//
// [Open] opens or creates a [Memory]. Machine translations are stored with
// [Memory.Put] under a [Key] (backend and its settings, language pair,
// glossary fingerprint) and the [Normalize]d source; [Memory.Lookup] finds
// them for a batch of sources, preferring an editor's approved translation
// for the pair whatever the key. [Memory.Approve] stores approved
// translations, and [Memory.Import] takes them from an edited XLIFF or TMX
// file, refusing ([*RefusedError]) a file for another language pair or
// article. [Memory.Stats] counts the contents and [Memory.Export] writes
// them as TMX 1.4.
//
// The file is in SQLite's write-ahead-log mode: each Put or Approve is one
// transaction, which a killed process either committed whole or not at all;
// readers never wait for a writer; writers (other processes included) wait
// up to 5 seconds for each other. Commits are not flushed to disk one by one
// (synchronous=NORMAL): a power cut may lose the last ones, a crash of the
// process loses none. The schema carries its version (PRAGMA user_version)
// and Open migrates older files.
package tm
