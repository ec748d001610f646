package check

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diglot/diglot/glossary"
)

// untranslated returns the untranslated finding's message for u, "" when
// its target is a translation. ms are the glossary matches in its source.
func untranslated(u *unit, ms []glossary.Match) string {
	switch {
	case !u.hasTarget:
		return "the segment has no target"
	case strings.TrimSpace(u.target) == "":
		return "the target is empty"
	case normalise(u.target) == normalise(u.source) && hasWordsToTranslate(u.source, ms):
		return "the target is a copy of the source"
	}
	return ""
}

// notWords are the parts of a text that stay as they are in a translation:
// URLs, e-mail addresses, handles and hashtags.
var notWords = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[@#][\p{L}\p{N}_]+`)

// maskLiterals blanks out the URLs, e-mail addresses, handles and hashtags
// of s, keeping its length: terms inside them are not terms of the text.
func maskLiterals(s string) string {
	locs := notWords.FindAllStringIndex(s, -1)
	if locs == nil {
		return s
	}
	b := []byte(s)
	for _, loc := range locs {
		for i := loc[0]; i < loc[1]; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// hasWordsToTranslate reports whether src has a word of two letters or more
// once its URLs, e-mail addresses, handles, hashtags and the glossary's
// do-not-translate terms (ms) are set aside. Letters glued to digits
// ("1er", "A320") are not words.
func hasWordsToTranslate(src string, ms []glossary.Match) bool {
	b := []byte(src)
	blank := func(start, end int) {
		for i := start; i < end; i++ {
			b[i] = ' '
		}
	}
	for _, m := range ms {
		if m.Entry.DoNotTranslate() || normalise(m.Entry.Target) == normalise(m.Form) {
			blank(m.Start, m.End)
		}
	}
	text := maskLiterals(string(b))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j, letters := i, 0
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) {
				break
			}
			letters++
			j += n
		}
		if letters >= 2 && !digitNear(text, i, j) {
			return true
		}
		i = j
	}
	return false
}

// digitNear reports a digit just before i or at j.
func digitNear(text string, i, j int) bool {
	return i > 0 && isDigit(text[i-1]) || j < len(text) && isDigit(text[j])
}

// numberMessage returns the number-mismatch finding's message, "" when the
// numbers of source and target agree.
func numberMessage(src, srcLang, tgt, tgtLang string) string {
	missing, extra := numberDiff(src, srcLang, tgt, tgtLang)
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, fmt.Sprintf("%s in the source, not in the target", numberList(missing)))
	}
	if len(extra) > 0 {
		parts = append(parts, fmt.Sprintf("%s in the target, not in the source", numberList(extra)))
	}
	return strings.Join(parts, "; ")
}

func numberList(ns []number) string {
	var out []string
	for _, n := range ns {
		out = append(out, n.text)
	}
	return strings.Join(out, ", ")
}

// placeholder is a diglot protection placeholder (see translate.Protect),
// also as an engine may have lower-cased it.
var placeholder = regexp.MustCompile(`(?i)zxq\d+qxz`)

// tag is an HTML or XML tag written in the text.
var tag = regexp.MustCompile(`</?([A-Za-z][A-Za-z0-9:-]*)(?:\s[^<>]*?)?\s*(/?)>`)

// markupProblems returns the markup-mismatch findings' messages for u.
func markupProblems(u *unit) []string {
	var out []string
	if u.codes {
		src, tgt := u.srcCodes, u.tgtCodes
		if u.byKind {
			src, tgt = codeKinds(src), codeKinds(tgt)
		}
		out = append(out, compareLists("inline code", src, tgt)...)
	}
	out = append(out, compareLists("tag", tags(u.source), tags(u.target))...)
	if ph := placeholder.FindAllString(u.target, -1); len(ph) > 0 {
		out = append(out, fmt.Sprintf("protection placeholder %s left in the target", strings.Join(ph, ", ")))
	}
	if so, sc := quotes(u.source); so == sc {
		if to, tc := quotes(u.target); to != tc {
			out = append(out, fmt.Sprintf("unbalanced quotation marks in the target: %d opening, %d closing", to, tc))
		}
	}
	return out
}

// quotes counts the opening (« “) and closing (» ”) quotation marks of s,
// French and English together: a translation changes one into the other.
// A source with unbalanced marks (a quotation that runs over several
// paragraphs) is not compared.
func quotes(s string) (open, closing int) {
	return strings.Count(s, "«") + strings.Count(s, "“"), strings.Count(s, "»") + strings.Count(s, "”")
}

// codeKinds names codes by element alone ("bpt:1" is "bpt").
func codeKinds(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i], _, _ = strings.Cut(c, ":")
	}
	return out
}

// tags returns the tags written in s, normalised: "<b>", "</b>", "<br/>".
func tags(s string) []string {
	var out []string
	for _, m := range tag.FindAllStringSubmatch(s, -1) {
		t := "<" + strings.ToLower(m[1]) + m[2] + ">"
		if strings.HasPrefix(m[0], "</") {
			t = "</" + t[1:]
		}
		out = append(out, t)
	}
	return out
}

// compareLists reports the elements of src missing from tgt and those of
// tgt not in src, as multisets.
func compareLists(what string, src, tgt []string) []string {
	missing, added := multisetDiff(src, tgt), multisetDiff(tgt, src)
	var out []string
	if len(missing) > 0 {
		out = append(out, fmt.Sprintf("%s %s missing from the target", plural(what, len(missing)), strings.Join(missing, ", ")))
	}
	if len(added) > 0 {
		out = append(out, fmt.Sprintf("%s %s added in the target", plural(what, len(added)), strings.Join(added, ", ")))
	}
	return out
}

func plural(what string, n int) string {
	if n == 1 {
		return what
	}
	return what + "s"
}

// multisetDiff returns the elements of a not matched in b, in order.
func multisetDiff(a, b []string) []string {
	left := slices.Clone(b)
	var out []string
	for _, x := range a {
		if i := slices.Index(left, x); i >= 0 {
			left = slices.Delete(left, i, i+1)
			continue
		}
		out = append(out, x)
	}
	return out
}
