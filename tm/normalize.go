package tm

import (
	"crypto/sha256"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the form of a source text that keys the memory: Unicode
// NFC, every run of white space (including no-break spaces) folded to one
// space, leading and trailing white space removed. Case is kept: "Paris" and
// "paris" are different sources. Bytes that are not UTF-8 become U+FFFD.
func Normalize(s string) string {
	s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sourceHash is the key of a source text in the database: the SHA-256 of its
// normalised form.
func sourceHash(source string) []byte {
	h := sha256.Sum256([]byte(Normalize(source)))
	return h[:]
}

// lang normalises a language tag for storage and comparison: lower case, with
// hyphens ("fr_FR" and "FR-fr" are "fr-fr").
func lang(tag string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
}

// primary returns the primary subtag of a language tag: "fr" for "fr-CA".
func primary(tag string) string {
	p, _, _ := strings.Cut(lang(tag), "-")
	return p
}
