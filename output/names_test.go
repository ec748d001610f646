package output

import "testing"

func TestBaseName(t *testing.T) {
	tests := []struct {
		name, rel, from, to, want string
	}{
		{"nested txt", "a/b/c.txt", "fr", "en", "a/b/c.fr-en"},
		{"top level md", "article.md", "fr", "en", "article.fr-en"},
		{"other pair", "x/y.txt", "de", "fr", "x/y.de-fr"},
		{"no extension", "a/README", "fr", "en", "a/README.fr-en"},
		{"only last extension", "a/b.c.txt", "fr", "en", "a/b.c.fr-en"},
		{"dot file", "a/.notes", "fr", "en", "a/.notes.fr-en"},
		{"dot in directory", "v1.2/c.txt", "fr", "en", "v1.2/c.fr-en"},
		{"windows separators", `a\b\c.txt`, "fr", "en", "a/b/c.fr-en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := BaseName(tt.rel, tt.from, tt.to); got != tt.want {
				t.Errorf("BaseName(%q, %q, %q) = %q, want %q", tt.rel, tt.from, tt.to, got, tt.want)
			}
		})
	}
}
