package output

import (
	"bytes"
	"io"
	"path"
	"regexp"
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

// ownName matches the name of an output: NAME.FROM-TO plus an extension
// (NAME.fr-en.md, NAME.pt-BR-en.json, NAME.fr-en.previous.json).
var ownName = regexp.MustCompile(`.\.[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+(?:\.previous)?\.[a-z]+$`)

// HeadSize is how much of a file [IsOwnOutput] needs to see.
const HeadSize = 4 << 10

// IsOwnOutput reports whether the file named name, which begins with head
// (its first [HeadSize] bytes, or all of it), is one that diglot translate
// writes: its name is NAME.FROM-TO.EXT and its content is diglot's (the
// Markdown front matter of [WriteMarkdown], the bitext JSON schema). Both
// must hold: an article the user named news.fr-en.md is still an article.
// A batch never takes its own outputs as inputs, with --out equal to the
// input folder or an old output folder inside it.
func IsOwnOutput(name string, head []byte) bool {
	if !IsOwnOutputName(name) {
		return false
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".md":
		return isOwnMarkdown(head)
	case ".json":
		return bytes.Contains(head, []byte(`"schema": "`+bitext.Schema+`"`)) ||
			bytes.Contains(head, []byte(`"schema":"`+bitext.Schema+`"`))
	}
	return false
}

// IsOwnOutputName reports whether name has the form of an output's,
// NAME.FROM-TO.EXT: the first half of [IsOwnOutput], without reading.
func IsOwnOutputName(name string) bool {
	return ownName.MatchString(path.Base(strings.ReplaceAll(name, `\`, "/")))
}

// isOwnMarkdown reports whether head opens with the front matter
// [WriteMarkdown] writes: its keys, in its order.
func isOwnMarkdown(head []byte) bool {
	rest, ok := bytes.CutPrefix(head, []byte("---\n"))
	if !ok {
		return false
	}
	fm, _, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return false
	}
	want := []string{"title:", "source:", "from:", "to:", "backend:", "segments:", "problems:", "removed_lines:"}
	for _, line := range strings.Split(string(fm), "\n") {
		if len(want) > 0 && strings.HasPrefix(line, want[0]) {
			want = want[1:]
		}
	}
	return len(want) == 0
}

// WriteJSON writes d in its canonical JSON form, as [bitext.Write] does.
func WriteJSON(w io.Writer, d *bitext.Document) error {
	return bitext.Write(w, d)
}
