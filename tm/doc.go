// Package tm is diglot's translation memory: every translated segment, kept
// so that a re-run sends only new text to the backend, and editors'
// corrections win over machine output. A [Memory] is one portable type over
// two storage engines: an SQLite file (by default [DefaultPath]) or a
// PostgreSQL database shared by a team, with the same tables and meaning.
//
// [Open] opens or creates a [Memory] at a location: a postgres:// or
// postgresql:// URL ([IsPostgres]; one that holds a password is refused,
// [ErrPasswordInLocation]: it comes from PGPASSWORD or a .pgpass file), or
// else a file path. Machine translations are stored with [Memory.Put] under
// a [Key] (backend and its settings, language pair, the fingerprint of the
// glossary entries the source matched) and the [Normalize]d source;
// [Memory.Lookup] finds them for a batch of sources in one query, preferring
// an editor's approved translation for the pair whatever the key, and
// [Memory.Glossaries] says under which glossary fingerprints a batch of
// sources was translated, so that a caller can tell a glossary change from
// new text. [Memory.Approve] stores approved translations (the
// later of two approvals of a source wins, and both stay in the history),
// and [Memory.Import] takes them from an edited XLIFF or TMX file, refusing
// ([*RefusedError]) a file for another language pair or article. An
// approved translation keeps the editor's [State] and notes, and may be of
// one sentence of a paragraph: Lookup then puts the paragraph together
// from its approved sentences, or tells the caller which sentences need no
// backend ([Hit.Sentences]).
// [Memory.Claim] marks sources as being translated, with a lease, so that
// workers sharing a memory send each once: the others wait for the
// translation. [Memory.Stats] counts the contents, [Memory.Export] writes them as TMX
// 1.4, and [Copy] copies a memory into another, across engines.
//
// The SQLite file is in write-ahead-log mode: each Put or Approve is one
// transaction, which a killed process either committed whole or not at all;
// readers never wait for a writer; writers (other processes included) wait
// up to 5 seconds for each other. Commits are not flushed to disk one by one
// (synchronous=NORMAL): a power cut may lose the last ones, a crash of the
// process loses none. On PostgreSQL each write is one transaction of
// upserts that first takes advisory locks on its sources in one order, so
// that concurrent writers never deadlock. Both carry the schema version
// ([SchemaVersion]; PRAGMA user_version, or the diglot_tm_schema table) and
// Open migrates older memories and refuses newer ones.
//
// The conformance suite every engine passes is in tmtest; pgtest starts a
// real PostgreSQL server for tests.
package tm
