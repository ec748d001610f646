// Package openai is diglot's backend for OpenAI-compatible chat models: OpenAI
// itself and local servers that speak its API (Ollama, vLLM, llama.cpp, LM
// Studio), through POST {base}/chat/completions.
//
// [New] builds a [*Client] from a [translate.Config]; [Info] registers it as
// "openai" with its options (api-key, base-url, model, temperature,
// tokens-per-minute, max-chars, in-flight, response-format).
//
// A batch goes out as JSON segments keyed by id, and the model is asked for
// structured output (a JSON schema) with one translation per id. Glossary
// terms arrive as the pipeline's placeholders, which the model is told to
// keep verbatim; the segments' spans say which term each stands for, and the
// batch's glossary entries (only those that occur in it) are given as
// instructions. A reply that drops, merges, invents
// or empties an id is never accepted: the model is re-asked once with what
// was wrong, then the request fails with [translate.ErrBadReply]. A reply cut
// at the output limit, or a context_length_exceeded error, is
// [translate.ErrRequestTooLarge], on which the pipeline halves the batch.
//
// Package [github.com/diglot/diglot/translate/openai/openaitest] is a fake
// chat-completions server for tests.
package openai
