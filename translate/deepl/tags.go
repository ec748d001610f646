package deepl

import "github.com/diglot/diglot/translate/internal/engine"

// tags sends a paired inline code as <g id="N">…</g>, an element not in
// ignore_tags that DeepL translates inside and keeps with its words, and
// every other protected span as an ignored <x>replacement</x>.
var tags = engine.NewTags("g", func(r string) string { return "<x>" + r + "</x>" }, escape)
