package google

import (
	"testing"

	"github.com/diglot/diglot/translate/internal/servertest"
)

// An engine that changes nothing gives back the text with each protected span
// replaced, whatever characters the text and the replacements hold.
func FuzzWireRoundTrip(f *testing.F) {
	f.Add("Le Haut-Karabakh & <b>", 3, 16, "Nagorno-Karabakh")
	f.Add("a < b", 0, 1, "&amp;")
	f.Add("x", 0, 1, `<span translate="no">`)
	f.Fuzz(func(t *testing.T, text string, start, end int, replace string) {
		s, want := servertest.Spanned(text, start, end, replace)
		w := wire{}
		if got := w.Decode(s, w.Encode(s)); got != want {
			t.Errorf("round trip of %q = %q, want %q", text, got, want)
		}
	})
}
