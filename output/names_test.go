package output

import (
	"path/filepath"
	"strings"
	"testing"
)

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
		{"backslashes climb", `..\..\..\tmp\x\PWNED.txt`, "fr", "en", "tmp/x/PWNED.fr-en"},
		{"slashes climb", "../../etc/x.md", "fr", "en", "etc/x.fr-en"},
		{"absolute", "/tmp/x.txt", "fr", "en", "tmp/x.fr-en"},
		{"dots inside", "a/./b/../c.txt", "fr", "en", "a/b/c.fr-en"},
		{"only dots", "..", "fr", "en", ".fr-en"},
		{"language with a path", "a.txt", "fr/../../../evil2", "en", "a.fr__________evil2-en"},
		{"region subtag", "a.txt", "pt-BR", "zh-Hant", "a.pt-BR-zh-Hant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := BaseName(tt.rel, tt.from, tt.to); got != tt.want {
				t.Errorf("BaseName(%q, %q, %q) = %q, want %q", tt.rel, tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// FuzzBaseName checks the property the batch relies on: whatever an input's
// name and the language codes, every output path, joined to the output folder
// and cleaned, is inside it (and is not the folder itself); and two distinct
// plain names with the same extension never share outputs.
func FuzzBaseName(f *testing.F) {
	f.Add(`..\..\..\tmp\x\PWNED.txt`, "fr", "en", "a/b.txt")
	f.Add("../../x.md", "fr/../../../evil2", "en", "x.md")
	f.Add("/abs/olute.txt", "..", "..", "abs/olute.txt")
	f.Add("", "", "", ".")
	f.Add("a/./b/../c.txt", "fr", `..\`, "a/b/c.txt")
	f.Fuzz(func(t *testing.T, rel, from, to, other string) {
		const out = "/srv/out"
		base := BaseName(rel, from, to)
		for _, ext := range []string{".json", ".html", ".md", ".xlf", ".tmx", ".previous.json"} {
			p := filepath.Join(out, filepath.FromSlash(base+ext))
			if !strings.HasPrefix(p, out+string(filepath.Separator)) {
				t.Fatalf("BaseName(%q, %q, %q) = %q: %s is outside %s", rel, from, to, base, p, out)
			}
		}
		if plain(rel) && plain(other) && rel != other && filepath.Ext(rel) == filepath.Ext(other) {
			if b := BaseName(other, from, to); b == base {
				t.Fatalf("%q and %q both map to %q", rel, other, b)
			}
		}
	})
}

// plain reports whether rel is a relative slash path of ordinary names: no
// empty, "." or ".." component, no backslash, and no component that is only
// an extension.
func plain(rel string) bool {
	if rel == "" || strings.Contains(rel, `\`) {
		return false
	}
	for _, c := range strings.Split(rel, "/") {
		if c == "" || c == "." || c == ".." || strings.HasPrefix(c, ".") {
			return false
		}
	}
	return true
}

func TestIsOwnOutput(t *testing.T) {
	md := "---\ntitle: a.txt\nsource: a.txt\nfrom: fr\nto: en\nbackend: fake\nsegments: 1\nproblems: 0\nremoved_lines: 0\n---\n\n> Texte.\n"
	tests := []struct {
		name, file, head string
		want             bool
	}{
		{"markdown output", "a.fr-en.md", md, true},
		{"region subtags", "a.pt-BR-zh-Hant.md", md, true},
		{"bitext json", "a.fr-en.json", `{"schema": "diglot.bitext/v1"}`, true},
		{"previous edition", "a.fr-en.previous.json", `{"schema": "diglot.bitext/v1"}`, true},
		{"article named like an output", "news.fr-en.md", "---\ntitle: Nouvelles\n---\n\nTexte.\n", false},
		{"output content, article name", "a.md", md, false},
		{"no front matter", "a.fr-en.md", "> Texte.\n", false},
		{"plain text", "a.fr-en.txt", md, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsOwnOutput(tt.file, []byte(tt.head)); got != tt.want {
				t.Errorf("IsOwnOutput(%q) = %v, want %v", tt.file, got, tt.want)
			}
		})
	}
}
