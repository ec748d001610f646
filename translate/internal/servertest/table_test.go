package servertest

import "testing"

func TestTranslateMarkup(t *testing.T) {
	const open, close = `<span translate="no">`, `</span>`
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Le chat dort.", "The cat sleeps.", true},
		{`Le <span translate="no">Le Monde</span> &amp; le chat`, `The <span translate="no">Le Monde</span> &amp; the cat`, true},
		{"<b>chat</b>", "<b>cat</b>", true},
		{`<span translate="no">chat`, "", false},
		{"chat &amp", "", false},
	}
	for _, tt := range tests {
		got, ok := TranslateMarkup(tt.in, open, close)
		if got != tt.want || ok != tt.ok {
			t.Errorf("TranslateMarkup(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
