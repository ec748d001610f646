// Package libre is diglot's backend for LibreTranslate, the self-hostable
// engine: POST /translate with a JSON body whose q is the batch's array of
// texts, and an optional api_key.
//
// [New] builds a [*Client] from a [translate.Config] whose Endpoint (the
// --endpoint flag) is required; [Info] registers it as "libre". Its limits
// are the server's character and batch limits (the char-limit and batch-limit
// options), which the pipeline batches to (a batch the server still refuses
// as too large is halved there). Text goes in format=text, so the pipeline
// protects glossary terms with its placeholders: LibreTranslate's html
// format translates inside tags, translate="no" included.
//
// Package [github.com/diglot/diglot/translate/libre/libretest] is a fake
// LibreTranslate server for tests.
package libre
