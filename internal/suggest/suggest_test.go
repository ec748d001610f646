package suggest

import "testing"

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"glosary", "glossary", 1},
		{"tranlsate", "translate", 1}, // a transposition is one edit
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // optimal string alignment, not full Damerau
		{"réseau", "reseau", 1},
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := EditDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d (symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	backends := []string{"apertium", "deepl", "fake", "google", "libre", "openai"}
	tests := []struct {
		name  string
		in    string
		valid []string
		want  string
		ok    bool
	}{
		{"case ignored", "DeepL", backends, "deepl", true},
		{"one typo", "deepel", backends, "deepl", true},
		{"transposition", "googel", backends, "google", true},
		{"too far", "systran", backends, "", false},
		{"short names need one edit", "xx", []string{"md", "html"}, "", false},
		{"flag", "glosary", []string{"glossary", "out", "format"}, "glossary", true},
		{"rule", "numbr-mismatch", []string{"number-mismatch", "untranslated"}, "number-mismatch", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Nearest(tt.in, tt.valid)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("Nearest(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestDidYouMean(t *testing.T) {
	valid := []string{"bash", "zsh", "fish"}
	if got, want := DidYouMean("fihs", valid, Quoted), ` (did you mean "fish"?)`; got != want {
		t.Errorf("DidYouMean(fihs) = %q, want %q", got, want)
	}
	if got, want := DidYouMean("powershell", valid, Quoted), " (want one of bash, zsh, fish)"; got != want {
		t.Errorf("DidYouMean(powershell) = %q, want %q", got, want)
	}
}
