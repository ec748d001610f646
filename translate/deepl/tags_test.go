package deepl

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/diglot/diglot/translate/internal/servertest"
)

// Whatever its text and however its spans pair, a segment goes out as
// well-formed XML (DeepL refuses anything else), and an engine that changes
// nothing gives back the text with each span replaced.
func FuzzWirePairs(f *testing.F) {
	f.Add("le ** gouvernement ** & [ texte ](u) <g>", uint64(0x3311))
	f.Add(`<g id="0">x</g> </x>`, uint64(0x2121))
	f.Fuzz(func(t *testing.T, text string, shape uint64) {
		s, want := servertest.Paired(text, shape)
		w := wire{}
		sent := w.Encode(s)
		if xmlText(text) && xmlText(want) {
			if err := wellFormed(sent); err != nil {
				t.Errorf("Encode(%q) = %q: %v", text, sent, err)
			}
		}
		if got := w.Decode(s, sent); got != want {
			t.Errorf("round trip of %q = %q, want %q", text, got, want)
		}
	})
}

// xmlText reports whether s holds only characters XML allows.
func xmlText(s string) bool {
	return xml.EscapeText(io.Discard, []byte(s)) == nil && !strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFD || r == 0xFFFE || r == 0xFFFF
	})
}

func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader("<r>" + s + "</r>"))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
