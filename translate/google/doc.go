// Package google is diglot's backend for Google Cloud Translation v2, through
// the official client cloud.google.com/go/translate.
//
// [New] builds a [*Client] from a [translate.Config]; [Info] registers it as
// "google". Credentials are the API key in GOOGLE_API_KEY, or else Google's
// Application Default Credentials. The v2 client sends GET with every text in
// the URL (and the key as key=), so a request is kept to 128 texts, 5,000 code
// points and a URL well under Google's limit; every error text is redacted of
// the key.
//
// Glossary terms are protected with format=html: the text goes out
// HTML-escaped, each protected span as <span translate="no">replacement</span>,
// and the spans and escapes are removed from the reply. The two sides of a
// paired inline code ([translate.Span.Pair]: a Markdown bold, italic or
// link) go out as one element, <b id="N">…</b> around the text between
// them, which Google translates inside and moves with its words; each
// side's replacement comes back where Google left the element's opening and
// closing tags. An element Google lost, left unclosed or gave an unknown id
// leaves its text and no tag (the pipeline records the markup lost). A 403 whose reason is
// rateLimitExceeded or userRateLimitExceeded is retried like a 429; a 403 for
// an exhausted daily quota is [translate.ErrQuota].
//
// Cloud Translation v2 has no glossaries, so this backend is no
// [translate.GlossaryUser]: terms go as protected spans and are verified and
// repaired. Glossaries are a v3 feature, and a v3 glossary is made from a file
// in a Cloud Storage bucket, in a project and a location, with OAuth
// credentials rather than an API key: a later step, as a v3 backend.
//
// Package [github.com/diglot/diglot/translate/google/googletest] is a fake v2
// server for tests.
package google
