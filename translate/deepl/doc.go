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
// Package [github.com/diglot/diglot/translate/deepl/deepltest] is a fake DeepL
// server for tests.
package deepl
