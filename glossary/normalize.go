package glossary

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text is compared as a sequence of tokens:
//
//   - a word is a maximal run of letters, digits and combining marks (any
//     script: "é" is a letter, so "Arménie" is not a word of "Arméniens");
//   - an apostrophe (' ’ ‘ ʼ ′, all equal) is a token of its own, so the
//     elided article of "l’Arménie" is a separate word;
//   - any other punctuation character is a token of its own;
//   - spaces, no-break spaces (U+00A0, U+202F), hyphens and the en dash only
//     separate tokens: "Haut-Karabakh" and "Haut Karabakh" are the same tokens.
//
// A word is compared in Unicode NFC, case folded unless case matters, without
// soft hyphens. Because tokens are found on the original text, a match maps
// back to exact byte offsets of the original.

// Token kinds.
const (
	tokWord  uint8 = iota + 1 // letters and digits
	tokApos                   // an apostrophe of any kind
	tokPunct                  // one other punctuation or symbol character
)

// Byte classes of ASCII characters.
const (
	clsSep   uint8 = iota // space, control, hyphen: separates tokens
	clsWord               // letter or digit
	clsApos               // '
	clsPunct              // other
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case c <= ' ' || c == '-' || c == 0x7f:
			t[c] = clsSep
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			t[c] = clsWord
		case c == '\'':
			t[c] = clsApos
		default:
			t[c] = clsPunct
		}
	}
	return t
}()

const softHyphen = '\u00ad'

// isApostrophe reports the apostrophes that are all equal to ': typographic
// right and left single quotes, the modifier letter apostrophe, the prime.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '′'
}

// isSeparator reports the characters that only separate tokens: white space
// (no-break spaces included), hyphens and the en dash, zero-width spaces.
func isSeparator(r rune) bool {
	switch r {
	case '\u2010', '\u2011', '\u2013', '\u200b', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

// isWordRune reports the runes of words: letters, digits, combining marks
// and the soft hyphen.
func isWordRune(r rune) bool {
	if isApostrophe(r) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == softHyphen
}

// Flags of a word found by nextToken.
const (
	wordUpper uint8 = 1 << iota // has ASCII capitals
	wordWide                    // has non-ASCII runes
	wordRare                    // has runes beyond Latin (U+0250 on): may need NFC, full case tables
)

// latinEnd bounds the runes folded by table: Latin-1 and Latin Extended-A
// and -B, all in NFC and none combining.
const latinEnd = 0x250

var (
	latinLower [latinEnd]rune
	latinWord  [latinEnd]bool
)

func init() {
	for r := range rune(latinEnd) {
		latinLower[r] = unicode.ToLower(r)
		latinWord[r] = isWordRune(r)
	}
}

// nextToken finds the first token of s at or after i. It returns its kind
// (0 at the end of s), its byte range and, for a word, its flags.
func nextToken(s string, i int) (kind uint8, start, end int, flags uint8) {
	kind, start, end = tokenStart(s, i)
	if kind == tokWord {
		end, flags = scanWord(s, start)
	}
	return kind, start, end, flags
}

// tokenStart is nextToken without scanning a word: for a word it returns
// its start only (end = start), for the caller to scan.
func tokenStart(s string, i int) (kind uint8, start, end int) {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case clsSep:
				i++
				continue
			case clsApos:
				return tokApos, i, i + 1
			case clsPunct:
				return tokPunct, i, i + 1
			}
			return tokWord, i, i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSeparator(r):
			i += size
		case isApostrophe(r):
			return tokApos, i, i + size
		case isWordRune(r):
			return tokWord, i, i
		default:
			return tokPunct, i, i + size
		}
	}
	return 0, len(s), len(s)
}

// scanWord returns the end of the word starting at i, and its flags.
func scanWord(s string, i int) (end int, flags uint8) {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiClass[c] != clsWord {
				break
			}
			if c <= 'Z' && c >= 'A' {
				flags |= wordUpper
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < latinEnd {
			if !latinWord[r] {
				break
			}
		} else if !isWordRune(r) {
			break
		} else {
			flags |= wordRare
		}
		flags |= wordWide
		i += size
	}
	return i, flags
}

// appendFold appends the folded form of word w: NFC, lower case, no soft hyphen.
func appendFold(dst []byte, w string, flags uint8) []byte {
	switch {
	case flags&wordWide == 0:
		if flags&wordUpper == 0 {
			return append(dst, w...)
		}
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c <= 'Z' && c >= 'A' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	case flags&wordRare == 0:
		for i := 0; i < len(w); {
			c := w[i]
			if c < utf8.RuneSelf {
				if c <= 'Z' && c >= 'A' {
					c += 'a' - 'A'
				}
				dst = append(dst, c)
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(w[i:])
			i += size
			if r != softHyphen {
				dst = utf8.AppendRune(dst, latinLower[r])
			}
		}
		return dst
	}
	if !norm.NFC.IsNormalString(w) {
		w = norm.NFC.String(w)
	}
	for _, r := range w {
		if r != softHyphen {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// foldASCII maps each ASCII letter and digit to its folded form, and every
// other byte to 0.
var foldASCII = func() (t [256]byte) {
	for c := range utf8.RuneSelf {
		if asciiClass[c] == clsWord {
			t[c] = byte(unicode.ToLower(rune(c)))
		}
	}
	return t
}()

// scanFold is scanWord and appendFold in one pass over the word starting at
// i: it returns the word's end and its folded form, in buf when it fits.
// ASCII is scanned and folded eight bytes at a time. A word of runes beyond
// Latin (which may need NFC) is scanned again and folded by appendFold.
func scanFold(s string, i int, buf *[64]byte) (end int, fold []byte) {
	start, n := i, 0
	for i < len(s) {
		if i+8 <= len(s) && n+8 <= len(buf) {
			// Eight bytes: the word goes on for the k of them before the first
			// that is not an ASCII letter or digit; capitals are folded.
			x := le64(s[i:])
			word := (inRange(x|0x20*ones, 'a', 'z') | inRange(x, '0', '9')) &^ x
			k := bits.TrailingZeros64(^word&highs) >> 3
			binary.LittleEndian.PutUint64(buf[n:], x|inRange(x, 'A', 'Z')>>2)
			n += k
			i += k
			if k == 8 {
				continue
			}
		} else if f := foldASCII[s[i]]; f != 0 {
			if n == len(buf) {
				return scanFoldSlow(s, start, buf)
			}
			buf[n] = f
			n++
			i++
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= latinEnd {
			if isWordRune(r) {
				return scanFoldSlow(s, start, buf)
			}
			break
		}
		if !latinWord[r] {
			break
		}
		i += size
		if r == softHyphen {
			continue
		}
		if n+utf8.UTFMax > len(buf) {
			return scanFoldSlow(s, start, buf)
		}
		n += utf8.EncodeRune(buf[n:], latinLower[r])
	}
	return i, buf[:n]
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// inRange has the high bit set in each byte of x from lo to hi (both below
// 0x80), and clear in the others. It holds for the bytes before the first
// one of 0x80 or more, whose sums may carry into the bytes after it.
func inRange(x uint64, lo, hi byte) uint64 {
	return (x + (0x80-uint64(lo))*ones) &^ (x + (0x7f-uint64(hi))*ones) & highs
}

func scanFoldSlow(s string, start int, buf *[64]byte) (end int, fold []byte) {
	end, flags := scanWord(s, start)
	return end, appendFold(buf[:0], s[start:end], flags)
}

// appendExact appends word w as compared when case matters: NFC, no soft hyphen.
func appendExact(dst []byte, w string) []byte {
	if !norm.NFC.IsNormalString(w) {
		w = norm.NFC.String(w)
	}
	for _, r := range w {
		if r != softHyphen {
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// termToken is one token of a glossary term, in its compared forms.
type termToken struct {
	kind         uint8
	fold, exact  string // folded and case-preserving forms; "'" for apostrophes
	start, end   int    // in the term as written
	isFirstUpper bool   // the first letter is upper case
}

// tokenize splits a term (or a short text) into tokens with their forms.
func tokenize(s string) []termToken {
	var toks []termToken
	for i := 0; ; {
		kind, start, end, flags := nextToken(s, i)
		if kind == 0 {
			return toks
		}
		i = end
		t := termToken{kind: kind, start: start, end: end}
		switch kind {
		case tokApos:
			t.fold, t.exact = "'", "'"
		case tokPunct:
			t.exact = norm.NFC.String(s[start:end])
			t.fold = t.exact
		default:
			t.fold = string(appendFold(nil, s[start:end], flags))
			t.exact = string(appendExact(nil, s[start:end]))
			r, _ := utf8.DecodeRuneInString(s[start:end])
			t.isFirstUpper = unicode.IsUpper(r)
		}
		toks = append(toks, t)
	}
}

// foldString is the normalised, case-folded form of s: its folded tokens
// joined by single spaces.
func foldString(s string) string { return joinTokens(s, false) }

// normalString is like foldString but keeps case.
func normalString(s string) string { return joinTokens(s, true) }

func joinTokens(s string, exact bool) string {
	var buf [128]byte
	return string(appendJoined(buf[:0], s, exact))
}

// appendJoined appends the tokens of s, folded or exact, joined by single
// spaces: the forms tokenize gives, without making a token list.
func appendJoined(dst []byte, s string, exact bool) []byte {
	first := true
	for i := 0; ; {
		kind, start, end, flags := nextToken(s, i)
		if kind == 0 {
			return dst
		}
		i = end
		if !first {
			dst = append(dst, ' ')
		}
		first = false
		dst = appendToken(dst, s[start:end], kind, flags, exact)
	}
}

// appendToken appends the folded (or exact) form of token w of kind kind,
// as tokenize gives it.
func appendToken(dst []byte, w string, kind, flags uint8, exact bool) []byte {
	switch {
	case kind == tokApos:
		return append(dst, '\'')
	case kind == tokPunct:
		if w[0] < utf8.RuneSelf {
			return append(dst, w...)
		}
		return append(dst, norm.NFC.String(w)...)
	case !exact:
		return appendFold(dst, w, flags)
	case flags&wordWide == 0:
		return append(dst, w...) // ASCII: in NFC, no soft hyphen
	}
	return appendExact(dst, w)
}

// capitals counts the letters of s, or returns -1 if one is lower case.
func capitals(s string) int {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			return -1
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters
}

// isAcronym reports a short all-capitals term ("UE", "ONU", "OTAN", "G7"): one
// to four letters, none lower case. Acronyms are always matched with their case,
// so "US" does not match "us".
func isAcronym(s string) bool {
	n := capitals(s)
	return n >= 1 && n <= 4
}

// isCapsWord reports a single word of at least three letters, none lower
// case ("OTAN", "UNESCO", "G20" is not: one letter).
func isCapsWord(s string) bool {
	toks := tokenize(s)
	return len(toks) == 1 && toks[0].kind == tokWord && capitals(s) >= 3
}

// titleOf is word with its first letter in capitals and the rest in lower
// case: "Otan" for "OTAN".
func titleOf(word string) string {
	r, size := utf8.DecodeRuneInString(word)
	return string(unicode.ToUpper(r)) + strings.ToLower(word[size:])
}

// frenchWord reports whether a title-case word is also a common French word,
// so that an all-caps entry does not match it at the start of a sentence
// ("Son" for SON, "Est" for EST, "Car" for CAR).
func frenchWord(title string) bool { return frenchWords[strings.ToLower(title)] }

// frenchWords are the common French words of three to five letters that an
// all-caps entry may spell.
var frenchWords = map[string]bool{
	"les": true, "des": true, "une": true, "son": true, "ses": true, "par": true, "sur": true,
	"pas": true, "est": true, "ont": true, "nos": true, "vos": true, "qui": true, "que": true,
	"mon": true, "ton": true, "car": true, "lui": true, "eux": true, "mai": true, "aux": true,
	"ces": true, "cet": true, "mes": true, "tes": true, "leur": true, "elle": true, "nous": true,
	"vous": true, "dans": true, "avec": true, "pour": true, "sans": true, "sous": true, "mais": true,
	"donc": true, "plus": true, "tout": true, "tous": true, "fin": true, "vie": true, "art": true,
	"cas": true, "mer": true, "sol": true, "gaz": true, "feu": true, "ami": true, "fait": true,
	"lors": true, "dont": true, "elles": true, "avant": true, "après": true, "selon": true,
}

// isAllCaps reports text with at least two letters, none lower case.
func isAllCaps(s string) bool { return capitals(s) >= 2 }

// elisions are the French words written with an apostrophe before a vowel.
var elisions = map[string]bool{
	"l": true, "d": true, "qu": true, "jusqu": true, "lorsqu": true, "puisqu": true,
	"n": true, "s": true, "c": true, "j": true, "m": true, "t": true,
	"presqu": true, "quelqu": true,
}

func isElision(w string) bool {
	if len(w) > len("lorsqu") {
		return false
	}
	return elisions[strings.ToLower(w)]
}
