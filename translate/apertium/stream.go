package apertium

import (
	"strings"

	"github.com/diglot/diglot/translate"
	"unicode"
	"unicode/utf8"
)

// Apertium's stream format: characters with a meaning in the stream are
// escaped with a backslash, and text inside [ ] is a superblank that passes
// through the pipeline untouched. These functions do what apertium-destxt and
// apertium-retxt do for one paragraph, without starting a process.

// deformat turns one paragraph of plain text into stream format. Line breaks
// become spaces (a segment is one paragraph). Literal * and # would come back
// looking like unknown-word marks, so they travel in superblanks, as ~ does.
// Like apertium-destxt, it ends the text with ".[]" so that the last sentence
// is flushed through the tagger; reformat removes it.
func deformat(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		if isSpace(r) {
			// A run of blanks is one superblank, as apertium-destxt (and so
			// APY and the apertium script) makes it, not several blanks.
			j := i
			for j < len(s) && isSpace(rune(s[j])) {
				j++
			}
			if j-i > 1 || (i > 0 && isSpace(rune(s[i-1]))) {
				if i == 0 || !isSpace(rune(s[i-1])) {
					b.WriteByte('[')
					b.WriteString(strings.Repeat(" ", j-i))
					b.WriteByte(']')
				}
				continue
			}
			b.WriteByte(' ')
			continue
		}
		switch r {
		case '\\', '[', ']', '^', '$', '/', '@', '<', '>', '{', '}':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '*', '#', '~':
			b.WriteByte('[')
			b.WriteRune(r)
			b.WriteByte(']')
		case 0:
			// NUL ends a chunk in null-flush mode; never send one inside text.
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(".[]")
	return b.String()
}

// reformat turns one chunk of pipeline output back into plain text: it
// removes the end mark deformat added, unescapes, opens superblanks, and strips
// unknown-word marks (* unknown word, # generation error, @ transfer error),
// returning the words that were marked.
func reformat(s string) (text string, unknown []string) {
	s = strings.TrimRight(s, "\x00")
	if strings.HasSuffix(s, ".[]") {
		s = strings.TrimSuffix(s, ".[]")
	} else {
		s = strings.TrimSuffix(s, "[]")
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			_, n := utf8.DecodeRuneInString(s[i+1:])
			b.WriteString(s[i+1 : i+1+n])
			i += 1 + n
		case c == '[':
			j := superblankEnd(s, i+1)
			b.WriteString(unescape(s[i+1 : j]))
			i = j + 1
		case isMark(s, i):
			unknown = noteUnknown(unknown, s[i+1:])
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), unknown
}

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\r' || r == '\t' }

// superblankEnd returns the index of the ] closing a superblank opened before
// start, honouring escapes; len(s) if it is not closed.
func superblankEnd(s string, start int) int {
	for i := start; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ']':
			return i
		}
	}
	return len(s)
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// stripMarks removes unknown-word marks from plain text (APY's reply, where
// each step of a chain may have added its own) and returns the marked words.
func stripMarks(s string) (text string, unknown []string) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '&' {
			// A character reference (apyEscaper's &#35;) is text, never a mark.
			if j := strings.IndexByte(s[i:], ';'); j > 0 && j < 10 {
				b.WriteString(s[i : i+j+1])
				i += j
				continue
			}
		}
		if isMark(s, i) {
			unknown = noteUnknown(unknown, s[i+1:])
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String(), unknown
}

// isMark reports whether s[i] is an unknown-word mark: *, # or @ starting a
// word (or doubled, when two steps of a chain marked the same word).
func isMark(s string, i int) bool {
	c := s[i]
	if c != '*' && c != '#' && c != '@' {
		return false
	}
	if i > 0 && !markBoundary(s[:i]) {
		return false
	}
	rest := strings.TrimLeft(s[i+1:], "*#@")
	return rest != "" && startsWord(rest)
}

// markBoundary reports whether what comes before a possible mark ends a word.
func markBoundary(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// noteUnknown records the word starting s (after any further marks), once.
func noteUnknown(unknown []string, s string) []string {
	w := wordAt(strings.TrimLeft(s, "*#@"))
	if w == "" || translate.IsPlaceholder(w) || strings.HasPrefix(s, "*") || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "@") {
		return unknown
	}
	return translate.MergeWords(unknown, []string{w})
}

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordAt returns the word at the start of s: letters, digits and inner
// hyphens or apostrophes.
func wordAt(s string) string {
	end := 0
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || ((r == '-' || r == '\'' || r == '’') && i > 0) {
			end = i + utf8.RuneLen(r)
			continue
		}
		break
	}
	return strings.TrimRight(s[:end], "-'’")
}
