package servertest

import (
	"github.com/diglot/diglot/translate"

	"strings"
	"unicode"
	"unicode/utf8"
)

// words is the servers' whole dictionary. Words not in it pass through, as
// real engines pass unknown names and numbers.
var words = map[string]string{
	"le": "the", "la": "the", "les": "the", "l": "the", "un": "a", "une": "a",
	"des": "some", "de": "of", "du": "of the", "et": "and", "ou": "or",
	"est": "is", "sont": "are", "dans": "in", "avec": "with", "pour": "for",
	"sur": "on", "chat": "cat", "chien": "dog", "dort": "sleeps", "mange": "eats",
	"président": "president", "russe": "Russian", "ville": "city",
	"maison": "house", "gouvernement": "government", "paragraphe": "paragraph",
	"article": "article", "nouveau": "new", "nouvelle": "new", "pays": "country",
	"guerre": "war", "paix": "peace", "accord": "agreement", "ministre": "minister",
	"premier": "prime", "a": "has", "dit": "said", "jour": "day", "ans": "years",
	"français": "French", "française": "French", "françaises": "French",
	"arménien": "Armenian", "arménienne": "Armenian", "azerbaïdjanais": "Azerbaijani",
}

// Translate translates text word by word with the dictionary, keeping case
// of the first letter, punctuation and spacing.
func Translate(text string) string {
	var b strings.Builder
	for len(text) > 0 {
		i := strings.IndexFunc(text, isWord)
		if i < 0 {
			b.WriteString(text)
			break
		}
		b.WriteString(text[:i])
		text = text[i:]
		j := strings.IndexFunc(text, func(r rune) bool { return !isWord(r) })
		if j < 0 {
			j = len(text)
		}
		b.WriteString(translateWord(text[:j]))
		text = text[j:]
	}
	return b.String()
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func translateWord(w string) string {
	t, ok := words[strings.ToLower(w)]
	if !ok {
		return w
	}
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
		first, n := utf8.DecodeRuneInString(t)
		return string(unicode.ToUpper(first)) + t[n:]
	}
	return t
}

// Spanned returns a segment of text with one protected span [start, end)
// replaced by replace, clamped to valid bounds, and the text a perfect engine
// that changes nothing would give back. Fuzz tests of wire formats use it.
func Spanned(text string, start, end int, replace string) (translate.Segment, string) {
	s := translate.Segment{ID: "p1", Text: text}
	start = min(max(start, 0), len(text))
	end = min(max(end, start), len(text))
	if end > start {
		s.Protected = []translate.Span{{Start: start, End: end, Replace: replace}}
		return s, text[:start] + replace + text[end:]
	}
	return s, text
}

// Paired returns a segment of text cut into protected spans of up to three
// characters every four, paired by shape's nibbles ([translate.Span.Pair]:
// two spans with the same pair are the sides of one inline code), and the
// text a perfect engine that changes nothing would give back. Fuzz tests of
// wire formats with markup use it.
func Paired(text string, shape uint64) (translate.Segment, string) {
	s := translate.Segment{ID: "p1", Text: text}
	var at []int // rune starts, and the end
	for i := range text {
		at = append(at, i)
	}
	at = append(at, len(text))
	var want strings.Builder
	last := 0
	for i := 0; i+3 < len(at) && len(s.Protected) < 16; i += 4 {
		sp := translate.Span{Start: at[i], End: at[i+3], Pair: int(shape>>(4*len(s.Protected))) & 3}
		sp.Replace = "R" + text[sp.Start:sp.End]
		s.Protected = append(s.Protected, sp)
		want.WriteString(text[last:sp.Start] + sp.Replace)
		last = sp.End
	}
	want.WriteString(text[last:])
	return s, want.String()
}
