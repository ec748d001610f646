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
func BaseName(rel, from, to string) string {
	rel = strings.ReplaceAll(rel, `\`, "/")
	dir, file := path.Split(rel)
	if ext := path.Ext(file); ext != file {
		// A dot file such as ".notes" has no extension to strip.
		file = strings.TrimSuffix(file, ext)
	}
	return dir + file + "." + from + "-" + to
}

// WriteJSON writes d in its canonical JSON form, as [bitext.Write] does.
func WriteJSON(w io.Writer, d *bitext.Document) error {
	return bitext.Write(w, d)
}
