package output

import (
	"io"
	"path"
	"strings"

	"github.com/diglot/diglot/bitext"
)

// BaseName maps an input path relative to the input root to the output base
// path, without extension: BaseName("a/b/c.txt", "fr", "en") is "a/b/c.fr-en".
// The result is slash-separated; the caller adds ".json", ".html", ".md", ".xlf"
// or ".tmx". Backslashes in rel are taken as separators too, so a path built on
// Windows maps the same way.
//
// It is the one place where an input's name becomes an output's, and its
// result stays inside the output folder whatever rel, from and to hold (a
// scraped file may be named `..\..\tmp\x.txt`): empty, "." and ".."
// components are dropped, so the result is relative and never climbs, and a
// character of from or to that cannot be in a language tag (anything but
// ASCII letters, digits and "-") becomes "_". Two inputs whose paths differ
// only by such components (or by extension: a.txt and a.md) map to the same
// base; the batch refuses them together.
func BaseName(rel, from, to string) string {
	parts := strings.FieldsFunc(rel, func(r rune) bool { return r == '/' || r == '\\' })
	kept := parts[:0]
	for _, p := range parts {
		if p != "." && p != ".." {
			kept = append(kept, p)
		}
	}
	file := ""
	if n := len(kept); n > 0 {
		file = kept[n-1]
		kept = kept[:n-1]
	}
	if ext := path.Ext(file); ext != file {
		// A dot file such as ".notes" has no extension to strip.
		file = strings.TrimSuffix(file, ext)
	}
	dir := strings.Join(kept, "/")
	if dir != "" {
		dir += "/"
	}
	return dir + file + "." + langPart(from) + "-" + langPart(to)
}

// langPart keeps the characters a language tag may hold.
func langPart(tag string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, tag)
}

// WriteJSON writes d in its canonical JSON form, as [bitext.Write] does.
func WriteJSON(w io.Writer, d *bitext.Document) error {
	return bitext.Write(w, d)
}
