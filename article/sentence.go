package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations never end a sentence when written with a period: titles before
// a name (M. Pashinyan, Dr. Martin) and abbreviations followed by a word or a
// number (cf., p. ex., vol. 2, av. J.-C.). Matched case-sensitively.
var abbreviations = map[string]bool{
	"M": true, "MM": true, "Mme": true, "Mmes": true, "Mlle": true, "Mlles": true,
	"Me": true, "Mes": true, "Mgr": true, "Dr": true, "Drs": true, "Pr": true,
	"St": true, "Ste": true, "Sts": true, "Stes": true, "Cie": true, "Sté": true,
	"Jr": true, "Sr": true, "Gal": true, "Gén": true, "Col": true, "Cdt": true,
	"Lt": true, "Sgt": true, "Cne": true, "Ltd": true, "Inc": true,
	"J.-C": true, // av. J.-C., apr. J.-C.: a date, mostly inside a sentence
}

// lowerAbbreviations never end a sentence, in any case (cf., Cf., CF.).
var lowerAbbreviations = map[string]bool{
	"cf": true, "p": true, "pp": true, "ex": true, "av": true, "apr": true,
	"vol": true, "chap": true, "art": true, "fig": true, "env": true, "hab": true,
	"éd": true, "coll": true, "dir": true, "réf": true, "sq": true, "op": true,
	"cit": true, "ibid": true, "vs": true, "tél": true, "boul": true, "bd": true,
	"n°": true, "nº": true, "min": true, "max": true, "approx": true, "resp": true,
	"éds": true, "trad": true, "intr": true, "suiv": true,
}

// terminators end a sentence; closers may follow them inside the sentence.
const (
	terminators = ".!?…‽"
	closers     = "”\"’')]"
)

// Sentences splits French text into sentences: byte offsets [start,end)
// covering the text, trimmed of surrounding space.
//
// A sentence ends at '.', '!', '?', '…' or "...", with any closing quotes or
// brackets after it (a '»' may follow a space, as French typography wants),
// when white space follows and then the start of a new sentence: an uppercase
// letter, a digit, an opening quote or bracket, or a dash. So a '!' or '?'
// followed by a lowercase word (« Partez ! » dit-il) goes on, and so does a
// period after an abbreviation (M., Mme., cf., p. ex., vol., art.) or a single
// capital initial (C. Michel). A blank line always ends a sentence.
func Sentences(text string) []Span {
	var spans []Span
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			if j := skipHorizontalSpace(text, i+1); j < len(text) && text[j] == '\n' {
				spans = addSpan(spans, text, start, i)
				start = j
			}
		case strings.ContainsRune(terminators, r):
			end := clusterEnd(text, i)
			if sentenceEnds(text, i, end) {
				spans = addSpan(spans, text, start, end)
				start = end
			}
			i = end
			continue
		}
		i += size
	}
	return addSpan(spans, text, start, len(text))
}

// clusterEnd returns the end of the run of terminators starting at i, with
// the closing quotes and brackets that follow it.
func clusterEnd(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !strings.ContainsRune(terminators, r) {
			break
		}
		i += size
	}
	for {
		r, size := utf8.DecodeRuneInString(text[i:])
		if size > 0 && strings.ContainsRune(closers, r) {
			i += size
			continue
		}
		// French closing guillemets, after a (no-break) space or not
		j := skipHorizontalSpace(text, i)
		if strings.HasPrefix(text[j:], "»") {
			i = j + len("»")
			continue
		}
		return i
	}
}

// sentenceEnds reports whether the terminators at [i, end) end a sentence.
func sentenceEnds(text string, i, end int) bool {
	if end == len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[end:])
	if !unicode.IsSpace(r) {
		return false // 3.5, J.-C., « Non. », dit-il
	}
	j := skipSpace(text, end)
	if j == len(text) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[j:])
	if !startsSentence(next) {
		return false
	}
	if prev, _ := utf8.DecodeLastRuneInString(text[:i]); prev == '[' || prev == '(' {
		return false // an elision mark […] inside a quotation
	}
	if text[i] == '.' && (end-i == 1 || !strings.ContainsAny(text[i+1:end], terminators)) {
		return !isAbbreviation(wordBefore(text, i))
	}
	return true
}

// startsSentence reports whether r may open a sentence.
func startsSentence(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("«“\"([¿¡—–-", r)
}

// wordBefore returns the word that ends at offset i, without the opening
// punctuation before it.
func wordBefore(text string, i int) string {
	w := text[:i]
	if k := strings.LastIndexFunc(w, unicode.IsSpace); k >= 0 {
		_, size := utf8.DecodeRuneInString(w[k:])
		w = w[k+size:]
	}
	return strings.TrimLeft(w, "«“\"'‘([")
}

// isAbbreviation reports whether a period after w belongs to w.
func isAbbreviation(w string) bool {
	if abbreviations[w] || lowerAbbreviations[strings.ToLower(w)] {
		return true
	}
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsUpper(r) // an initial: C. Michel
}

func skipHorizontalSpace(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' || !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

func skipSpace(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// addSpan appends text[start:end] trimmed of space, unless nothing is left.
func addSpan(spans []Span, text string, start, end int) []Span {
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	if start == end {
		return spans
	}
	return append(spans, Span{Start: start, End: end})
}
