package google

import (
	"testing"
	"unicode/utf8"

	"github.com/diglot/diglot/translate/internal/servertest"
)

// Whatever its text and however its spans pair, a segment goes out as
// well-formed HTML, and an engine that changes nothing gives back the text
// with each span replaced.
func FuzzWirePairs(f *testing.F) {
	f.Add("le ** gouvernement ** & [ texte ](u) <b>", uint64(0x3311))
	f.Add(`<b id="0">x</b> </span>`, uint64(0x2121))
	f.Fuzz(func(t *testing.T, text string, shape uint64) {
		if !utf8.ValidString(text) {
			t.Skip()
		}
		s, want := servertest.Paired(text, shape)
		w := wire{}
		sent := w.Encode(s)
		if _, ok := servertest.TranslateMarkup(sent, keepOpen, keepClose); !ok {
			t.Errorf("Encode(%q) = %q: not well formed", text, sent)
		}
		if got := w.Decode(s, sent); got != want {
			t.Errorf("round trip of %q = %q, want %q", text, got, want)
		}
	})
}
