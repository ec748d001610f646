// Package deepl is diglot's backend for the DeepL API v2: POST /v2/translate
// with a JSON body, authenticated by the header "Authorization: DeepL-Auth-Key
// KEY". Keys ending in ":fx" use the free API host.
//
// [New] builds a [*Client] from a [translate.Config]; [Info] registers it as
// "deepl" with its options (auth-key, formality, context, target-variant).
// Glossary terms are protected with tag_handling=xml and ignore_tags=x: each
// protected span goes out as <x>replacement</x> and the tags are removed from
// the reply. The two sides of a paired inline code ([translate.Span.Pair]: a
// Markdown bold, italic or link) go out as one <g id="N">…</g> element
// around the text between them, not ignored, so that DeepL translates inside
// it and keeps it with its words; each side's replacement comes back where
// DeepL left the opening and closing tags. What goes out is always
// well-formed XML, which DeepL's tag handling requires; an element DeepL
// lost, left unclosed or gave an unknown id leaves its text and no tag (the
// pipeline records the markup lost). Requests keep to DeepL's limits of 50 texts and 128 KiB; 429 and
// 5xx are retried, 456 (quota exhausted) and 403 (bad key) are not.
//
// The client also holds DeepL's own glossaries ([translate.GlossaryUser],
// glossary.go): [Client.UseGlossary] turns the run's terms into [Entries]
// (one per source form, cleaned of what DeepL refuses), finds the glossary
// named [GlossaryName] of those entries on the account or creates it, through
// the v3 endpoints (/v3/glossaries) or, on a server without them, v2
// (/v2/glossaries, /v2/glossary-language-pairs), and sends its glossary_id
// with every translation of the pair. The ignored tags stay: the pipeline
// still verifies and repairs the output. [Client.PruneGlossaries] deletes the
// glossaries diglot made that a run no longer uses ([translate.GlossaryPruner]).
//
// Package [github.com/diglot/diglot/translate/deepl/deepltest] is a fake DeepL
// server for tests, glossary endpoints included.
package deepl
