package apertium

import (
	"encoding/json"
	"strings"
	"testing"
)

func jsonString(s string) (string, error) {
	b, err := json.Marshal(s)
	return string(b), err
}

func TestDeformatReformatRoundTrip(t *testing.T) {
	for _, s := range []string{
		"Le [prix] est de 5 $ / 10 € <environ> {sic} \\ ^ @moi",
		"Une *étoile* et #hashtag ~ tilde",
		"« Guillemets » et l’apostrophe",
	} {
		got, unknown := reformat(deformat(s) + "\x00")
		if got != s || len(unknown) != 0 {
			t.Errorf("round trip of %q = %q (unknown %q)", s, got, unknown)
		}
	}
}

func TestReformatStripsMarks(t *testing.T) {
	tests := []struct {
		in, text, unknown string
	}{
		{`El presidente *Pashinian a la Altura-*Karabakh.[]`, "El presidente Pashinian a la Altura-Karabakh", "Pashinian,Karabakh"},
		{`#ir y @venir *Zxq0qxZ.[]`, "ir y venir Zxq0qxZ", "ir,venir"},
		{`correo\@example y 5*3.[]`, "correo@example y 5*3", ""},
	}
	for _, tt := range tests {
		text, unknown := reformat(tt.in)
		if text != tt.text || strings.Join(unknown, ",") != tt.unknown {
			t.Errorf("reformat(%q) = %q, %q; want %q, %q", tt.in, text, unknown, tt.text, tt.unknown)
		}
	}
}

func TestStripMarksHandlesChainedMarks(t *testing.T) {
	text, unknown := stripMarks("The president *armenio **Pashinian to the Height-**Karabakh. 5*3")
	if text != "The president armenio Pashinian to the Height-Karabakh. 5*3" {
		t.Errorf("text = %q", text)
	}
	if strings.Join(unknown, ",") != "armenio,Pashinian,Karabakh" {
		t.Errorf("unknown = %q", unknown)
	}
}

func TestJoinParagraphs(t *testing.T) {
	parts, added := joinParagraphs([]string{"Titre sans point", "Une phrase.", "« Citation »", "@Elysee & #MeToo *5*"})
	want := []string{"Titre sans point.", "Une phrase.", "« Citation ».", "&#64;Elysee &amp; &#35;MeToo &#42;5&#42;."}
	if strings.Join(parts, "|") != strings.Join(want, "|") || !added[0] || added[1] || !added[2] || !added[3] {
		t.Errorf("joined = %q, %v", parts, added)
	}
	if got, _ := stripMarks(parts[3]); apyUnescape(got) != "@Elysee & #MeToo *5*." {
		t.Errorf("round trip = %q", apyUnescape(got))
	}
}

func FuzzReformat(f *testing.F) {
	f.Add("El *presidente [x] \\[y\\] #a @b.[]")
	f.Add("[unterminated \\")
	f.Fuzz(func(t *testing.T, s string) {
		text, _ := reformat(s)
		if len(text) > len(s) {
			t.Errorf("reformat grew %q to %q", s, text)
		}
		rt, _ := reformat(deformat(s))
		_ = rt
	})
}
