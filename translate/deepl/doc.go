// Package deepl is diglot's backend for the DeepL API v2: POST /v2/translate
// with a JSON body, authenticated by the header "Authorization: DeepL-Auth-Key
// KEY". Keys ending in ":fx" use the free API host.
//
// [New] builds a [*Client] from a [translate.Config]; [Info] registers it as
// "deepl" with its options (auth-key, formality, context, target-variant).
// Glossary terms are protected with tag_handling=xml and ignore_tags=x: each
// protected span goes out as <x>replacement</x> and the tags are removed from
// the reply. Requests keep to DeepL's limits of 50 texts and 128 KiB; 429 and
// 5xx are retried, 456 (quota exhausted) and 403 (bad key) are not.
//
// Package [github.com/diglot/diglot/translate/deepl/deepltest] is a fake DeepL
// server for tests.
package deepl
