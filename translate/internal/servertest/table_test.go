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
		{"chat & chien", "", false},
		// Elements move with the words they wrap.
		{`le <b id="0">gouvernement</b> français`, `the French <b id="0">government</b>`, true},
		{`le <b id="0"> gouvernement </b> français dit`, `the French <b id="0"> government </b> said`, true},
		{`le gouvernement <i>français</i>`, `the government <i>French</i>`, true},
		{`le <span translate="no">Quai</span> français`, `the French <span translate="no">Quai</span>`, true},
		{`le <g id="0">chat <g id="2">russe</g></g> français`, `the French <g id="0">cat <g id="2">Russian</g></g>`, true},
		// An element around "oublié" loses its tags.
		{`un mot <b id="0">oublié</b>.`, `a mot oublié.`, true},
		{`un mot <b id="0">cassé</b>.`, `a mot <b id="0">cassé.`, true},
		{`un mot <b id="0">répété</b>.`, `a mot <b id="0">répété</b> <b id="0">répété</b>.`, true},
		{`un mot <g id="0">inconnu</g>.`, `a mot <g id="99">inconnu</g>.`, true},
		// Markup that is not well formed.
		{"<b>chat</i>", "", false},
		{"<b>chat", "", false},
		{"chat</b>", "", false},
		{"<b>chat<br></b>", "<b>cat<br></b>", true},
	}
	for _, tt := range tests {
		got, ok := TranslateMarkup(tt.in, open, close)
		if got != tt.want || ok != tt.ok {
			t.Errorf("TranslateMarkup(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
