package numbers

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Number is a number found in a text.
type Number struct {
	Text  string // as written
	Value string // canonical decimal: "-6500", "12.5", "6500000"
	// Soft marks a number written in words ("three", "trois", "twenty-one",
	// "premier"), a roman numeral ("XIV") or a French roman ordinal ("XXIe"):
	// it may stand for a number in digits on the other side, but is never
	// required there.
	Soft bool
}

// commaDecimal lists the languages (primary subtags) that write a decimal
// comma and group thousands with spaces or dots: 12,5 and 6 500 or 6.500.
// Others (English) write 12.5 and 6,500.
var commaDecimal = map[string]bool{
	"fr": true, "de": true, "es": true, "it": true, "pt": true, "nl": true, "ru": true, "pl": true,
	"sv": true, "da": true, "nb": true, "nn": true, "no": true, "fi": true, "cs": true, "sk": true,
	"tr": true, "ro": true, "uk": true, "el": true, "hu": true, "ca": true, "hr": true, "sl": true,
	"bg": true, "lt": true, "lv": true, "et": true, "id": true, "vi": true,
}

// numberScanner extracts the numbers of one text.
type numberScanner struct {
	text        string
	french      bool // French words and time and ordinal conventions
	comma       bool // decimal comma
	plainSpaces bool // a plain space groups thousands (6 500), as well as no-break ones
	// joined records that a plain space was taken as a thousands separator,
	// so that the other reading is worth trying.
	joined bool
	out    []Number
}

// Extract returns the numbers of text, in lang's conventions. With
// plainSpaces, a plain space between digit groups groups thousands ("6 500")
// as the no-break spaces always do; without, it separates two numbers. It
// also reports whether the choice made a difference.
func Extract(text, lang string, plainSpaces bool) ([]Number, bool) {
	lang = PrimaryLang(lang)
	s := numberScanner{text: text, french: lang == "fr", comma: commaDecimal[lang], plainSpaces: plainSpaces}
	s.scan()
	return s.out, s.joined
}

func (s *numberScanner) scan() {
	t := s.text
	for i := 0; i < len(t); {
		c := t[i]
		switch {
		case isDigit(c):
			i = s.digits(i)
		case c < utf8.RuneSelf && !isASCIILetter(c):
			i++
		default:
			r, size := utf8.DecodeRuneInString(t[i:])
			if !unicode.IsLetter(r) {
				i += size
				continue
			}
			i = s.word(i)
		}
	}
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// digitsAt returns the end of the run of ASCII digits at i.
func digitsAt(t string, i int) int {
	for i < len(t) && isDigit(t[i]) {
		i++
	}
	return i
}

// groupSpace returns the size of a space that may group thousands at i (0
// when there is none) and whether it is a plain space.
func groupSpace(t string, i int) (size int, plain bool) {
	if i >= len(t) {
		return 0, false
	}
	if t[i] == ' ' {
		return 1, true
	}
	r, n := utf8.DecodeRuneInString(t[i:])
	switch r {
	case '\u00a0', '\u202f', '\u2009', '\u2007':
		return n, false
	}
	return 0, false
}

// digits reads the number whose first digit is at start and returns the end.
func (s *numberScanner) digits(start int) int {
	t := s.text
	j := digitsAt(t, start)
	groups := []string{t[start:j]}
	var seps []byte // ',', '.', or ' ' for any grouping space
	for {
		if j+1 < len(t) && (t[j] == ',' || t[j] == '.') && isDigit(t[j+1]) {
			k := digitsAt(t, j+1)
			groups, seps = append(groups, t[j+1:k]), append(seps, t[j])
			j = k
			continue
		}
		size, plain := groupSpace(t, j)
		if size == 0 || (plain && !s.plainSpaces) || len(groups[0]) > 3 || slices.ContainsFunc(seps, func(c byte) bool { return c != ' ' }) {
			break
		}
		k := digitsAt(t, j+size)
		if k-(j+size) != 3 {
			break
		}
		if plain {
			s.joined = true
		}
		groups, seps = append(groups, t[j+size:k]), append(seps, ' ')
		j = k
	}
	neg := s.negative(start)
	vals := interpret(groups, seps, s.comma)
	if len(vals) == 1 {
		if end, hour, minute, ok := s.time(groups, seps, j); ok {
			s.add(start, end, fmt.Sprint(atoi(hour)), false) // 08 h is 8
			if minute != "" && minute != "00" {
				s.add(start, end, strings.TrimLeft(minute, "0"), false)
			}
			return end
		}
		v := vals[0]
		end := j
		if exp, e := s.scale(j); exp > 0 {
			v.exp, end = exp, e
		}
		v.neg = neg
		s.add(start, end, v.canonical(), false)
		return end
	}
	for _, v := range vals {
		s.add(start, j, v.canonical(), false)
	}
	return j
}

func (s *numberScanner) add(start, end int, value string, soft bool) {
	s.out = append(s.out, Number{Text: strings.TrimSpace(s.text[start:end]), Value: value, Soft: soft})
}

// negative reports a minus sign before the digit at i: "-" or "−" after a
// space, an opening bracket or the start of the text (not the hyphen of
// "COVID-19" or of the range "2019-2020").
func (s *numberScanner) negative(i int) bool {
	t := s.text
	r, size := utf8.DecodeLastRuneInString(t[:i])
	if r != '-' && r != '−' {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(t[:i-size])
	return i-size == 0 || unicode.IsSpace(before) || strings.ContainsRune("([{/«“\"'", before)
}

// decimal is a number as digits: int.frac × 10^exp.
type decimal struct {
	int, frac string
	exp       int
	neg       bool
}

// canonical writes d without leading or trailing zeros: "6500", "12.5", "-3".
func (d decimal) canonical() string {
	digits := d.int + d.frac
	point := len(d.int) + d.exp
	for point > len(digits) {
		digits += "0"
	}
	ip, fp := strings.TrimLeft(digits[:point], "0"), strings.TrimRight(digits[point:], "0")
	if ip == "" {
		ip = "0"
	}
	v := ip
	if fp != "" {
		v += "." + fp
	}
	if d.neg && v != "0" {
		v = "-" + v
	}
	return v
}

// interpret reads digit groups and their separators as one number when they
// make one in the language's conventions (with a decimal comma or point
// and thousands grouped by threes), leniently: a separator that is not the
// language's decimal one but is followed by other than three digits is
// taken as decimal (1,5 in English is 1.5). Otherwise ("2.1.3") each group is
// a number.
func interpret(groups []string, seps []byte, comma bool) []decimal {
	n := len(seps)
	if n == 0 {
		return []decimal{{int: groups[0]}}
	}
	dec, thou := byte('.'), byte(',')
	if comma {
		dec, thou = ',', '.'
	}
	last := seps[n-1]
	switch {
	case last == dec && thousands(groups[:n], seps[:n-1], thou):
		return []decimal{{int: strings.Join(groups[:n], ""), frac: groups[n]}}
	case thousands(groups, seps, thou):
		return []decimal{{int: strings.Join(groups, "")}}
	case last == thou && len(groups[n]) != 3 && thousands(groups[:n], seps[:n-1], thou):
		return []decimal{{int: strings.Join(groups[:n], ""), frac: groups[n]}}
	}
	out := make([]decimal, len(groups))
	for i, g := range groups {
		out[i] = decimal{int: g}
	}
	return out
}

// thousands reports whether groups separated by seps group thousands: a first
// group of one to three digits, then groups of three, separated by one kind
// of separator: spaces or the language's thousands separator.
func thousands(groups []string, seps []byte, thou byte) bool {
	if len(groups[0]) > 3 {
		return false
	}
	for i, c := range seps {
		if (c != thou && c != ' ') || c != seps[0] || len(groups[i+1]) != 3 {
			return false
		}
	}
	return true
}

// time reads a time of day whose hour was read as groups, ending at j: French
// "22h", "22 h 30", "22h30"; English "10 pm", "10:30 p.m.", "10.30pm",
// "22:30". It returns the end, the hour on the 24-hour clock and the minutes
// ("" when none).
func (s *numberScanner) time(groups []string, seps []byte, j int) (end int, hour, minute string, ok bool) {
	t := s.text
	h, minute := groups[0], ""
	switch {
	case len(seps) == 1 && seps[0] == '.' && len(groups[1]) == 2:
		minute = groups[1] // 10.30pm, only with am or pm
	case len(seps) > 0 || len(h) > 2:
		return 0, "", "", false
	}
	if minute == "" && s.french {
		k := skipSpace(t, j)
		if k < len(t) && t[k] == 'h' && !letterAt(t, k+1) {
			k++
			if m := skipSpace(t, k); digitsAt(t, m)-m == 2 && !letterAt(t, m+2) {
				return m + 2, h, t[m : m+2], true
			}
			return k, h, "", true
		}
	}
	k := j
	if minute == "" && k+3 <= len(t) && t[k] == ':' && digitsAt(t, k+1)-(k+1) == 2 {
		minute, k = t[k+1:k+3], k+3
	}
	m := skipSpace(t, k)
	pm, n := meridiem(t[m:])
	if n == 0 {
		if minute != "" && len(seps) == 0 {
			return k, h, minute, true // 22:30
		}
		return 0, "", "", false
	}
	v := atoi(h)
	if v < 1 || v > 12 {
		return 0, "", "", false
	}
	switch {
	case pm && v != 12:
		v += 12
	case !pm && v == 12:
		v = 0
	}
	return m + n, fmt.Sprint(v), minute, true
}

// meridiem reads "am", "a.m.", "pm" or "p.m." (any case) at the start of s,
// not followed by a letter.
func meridiem(s string) (pm bool, size int) {
	for _, form := range []string{"a.m.", "p.m.", "am", "pm"} {
		if len(s) >= len(form) && strings.EqualFold(s[:len(form)], form) && !letterAt(s, len(form)) {
			return form[0] == 'p' || form[0] == 'P', len(form)
		}
	}
	return false, 0
}

func atoi(s string) int {
	v := 0
	for i := 0; i < len(s) && i < 9; i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// skipSpace skips spaces, no-break spaces included.
func skipSpace(t string, i int) int {
	for i < len(t) {
		r, size := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// letterAt reports a letter at byte offset i of t.
func letterAt(t string, i int) bool {
	if i >= len(t) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t[i:])
	return unicode.IsLetter(r)
}

// wordAt returns the word of letters at i and its end.
func wordAt(t string, i int) (string, int) {
	j := i
	for j < len(t) {
		if c := t[j]; c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				break
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += size
	}
	return t[i:j], j
}

// scale reads a scale word after a number ("6,5 millions", "1.2 billion") and
// returns its power of ten and the end of the word, 0 when there is none.
func (s *numberScanner) scale(j int) (int, int) {
	k := skipSpace(s.text, j)
	if k == j && k < len(s.text) && s.text[k] == '-' {
		k++ // $700-billion
	}
	w, end := wordAt(s.text, k)
	if w == "" {
		return 0, j
	}
	if s.french && w == "M" && currencyAt(s.text, end) {
		return 6, end // 50 M$, 1,5 M€: millions
	}
	w = strings.ToLower(w)
	words := englishScales
	if s.french {
		words = frenchScales
	}
	if exp, ok := words[w]; ok {
		return exp, end
	}
	return 0, j
}

// currencyAt reports a currency sign at byte offset i of t.
func currencyAt(t string, i int) bool {
	for _, c := range []string{"$", "€", "£"} {
		if strings.HasPrefix(t[i:], c) {
			return true
		}
	}
	return false
}

var frenchScales = map[string]int{
	"million": 6, "millions": 6, "milliard": 9, "milliards": 9, "md": 9, "mds": 9, "billion": 12, "billions": 12,
}

var englishScales = map[string]int{
	"million": 6, "millions": 6, "billion": 9, "billions": 9, "bn": 9, "trillion": 12, "trillions": 12,
}

// word reads the word (or hyphenated compound) at i; a number word, a roman
// numeral or a French roman ordinal gives a soft number.
func (s *numberScanner) word(i int) int {
	t := s.text
	w, end := wordAt(t, i)
	if end < len(t) && isDigit(t[end]) {
		// A code such as "A320" or "G7": its digits are read next.
		return end
	}
	if v, ok := s.roman(w); ok {
		s.add(i, end, fmt.Sprint(v), true)
		return end
	}
	words := englishWords
	if s.french {
		words = frenchWords
	}
	first, firstEnd := w, end
	total, last, parts, j := 0, 0, 0, i
	for {
		w, e := first, firstEnd
		if j != i {
			w, e = wordAt(t, j)
		}
		v, ok := lookupWord(words, w)
		if !ok {
			if parts > 0 && strings.EqualFold(w, "et") {
				j = e + 1 // vingt-et-un
				continue
			}
			break
		}
		switch {
		case parts > 0 && (v == 100 || v == 1000 || (v == 20 && last == 4)) && total < v:
			total *= v // deux-cents, quatre-vingts
		default:
			total += v
		}
		last, parts, end = v, parts+1, e
		if e+1 < len(t) && t[e] == '-' && letterAt(t, e+1) {
			j = e + 1
			continue
		}
		break
	}
	if parts == 0 {
		return max(end, i+1)
	}
	d := decimal{int: fmt.Sprint(total)}
	if exp, e := s.scale(end); exp > 0 {
		d.exp, end = exp, e
	}
	s.add(i, end, d.canonical(), true)
	return end
}

// roman reads a roman numeral: in capitals, of two letters or more ("XIV"),
// or in French with an ordinal suffix ("XXIe", "Ier", "Ve").
func (s *numberScanner) roman(w string) (int, bool) {
	n := 0
	for n < len(w) && strings.IndexByte("IVXLCDM", w[n]) >= 0 {
		n++
	}
	if n == 0 {
		return 0, false
	}
	numeral, suffix := w[:n], w[n:]
	switch {
	case suffix == "" && n >= 2:
	case s.french && frenchOrdinalSuffix[suffix] && (n >= 2 || strings.Contains("IVX", numeral)):
	default:
		return 0, false
	}
	v := romanValue(numeral)
	return v, v > 0
}

var frenchOrdinalSuffix = map[string]bool{"e": true, "er": true, "re": true, "ère": true, "ème": true, "es": true, "ᵉ": true, "ᵉʳ": true}

// romanValue returns the value of a well-formed roman numeral, 0 otherwise.
func romanValue(s string) int {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}
	v := 0
	for i := 0; i < len(s); i++ {
		x := vals[s[i]]
		if i+1 < len(s) && vals[s[i+1]] > x {
			v -= x
		} else {
			v += x
		}
	}
	if v <= 0 || v >= 4000 || toRoman(v) != s {
		return 0
	}
	return v
}

func toRoman(v int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for v >= p.v {
			b.WriteString(p.s)
			v -= p.v
		}
	}
	return b.String()
}

// lookupWord looks w up in words (English or French number words), in
// lower case. A word whose first letter, in ASCII, starts no number word is
// not looked up: most words of a text are not numbers.
func lookupWord(words map[string]int, w string) (int, bool) {
	if w == "" {
		return 0, false
	}
	if c := w[0]; c < utf8.RuneSelf && !wordStarts[c|0x20] {
		return 0, false
	}
	var buf [16]byte // longer than any number word
	if len(w) > len(buf) {
		v, ok := words[strings.ToLower(w)]
		return v, ok
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf { // ToLower of a non-ASCII word may change its length
			v, ok := words[strings.ToLower(w)]
			return v, ok
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	v, ok := words[string(buf[:len(w)])] // the compiler looks up buf without a copy
	return v, ok
}

// wordStarts marks the first bytes of the number words, English and French.
var wordStarts = func() (starts [256]bool) {
	for _, words := range []map[string]int{englishWords, frenchWords} {
		for w := range words {
			starts[w[0]] = true
		}
	}
	return starts
}()

var englishWords = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
	"thousand": 1000, "dozen": 12, "noon": 12, "midnight": 0,
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
	"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100, "thousandth": 1000,
}

var frenchWords = map[string]int{
	"zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
	"huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
	"seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
	"cent": 100, "cents": 100, "mille": 1000, "douzaine": 12, "midi": 12, "minuit": 0,
	"premier": 1, "première": 1, "premiers": 1, "premières": 1, "second": 2, "seconde": 2,
	"deuxième": 2, "troisième": 3, "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7,
	"huitième": 8, "neuvième": 9, "dixième": 10, "onzième": 11, "douzième": 12, "treizième": 13,
	"quatorzième": 14, "quinzième": 15, "seizième": 16, "vingtième": 20, "trentième": 30,
	"quarantième": 40, "cinquantième": 50, "soixantième": 60, "centième": 100, "millième": 1000,
}

// CommaDecimal reports whether lang (a language tag) writes a decimal
// comma and groups thousands with spaces or dots.
func CommaDecimal(lang string) bool { return commaDecimal[PrimaryLang(lang)] }

// PrimaryLang returns the lower-cased primary subtag of a language tag.
func PrimaryLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// Diff compares the numbers of a source and its translation. missing
// are the source's numbers in digits the target lacks, extra the target's
// the source lacks; a number in words on the other side stands in. Where a
// plain space between digit groups may group thousands or separate two
// numbers, the reading that explains the most is kept.
func Diff(src, srcLang, tgt, tgtLang string) (missing, extra []Number) {
	if !hasDigit(src) && !hasDigit(tgt) {
		// Only digits make numbers that must be matched (words and roman
		// numerals are soft: they only stand in), so with none on either
		// side nothing is missing and nothing is extra.
		return nil, nil
	}
	return diff(src, srcLang, tgt, tgtLang)
}

// diff is [Diff] without the test for digits.
func diff(src, srcLang, tgt, tgtLang string) (missing, extra []Number) {
	// the target's two readings, each extracted once for both of the source's
	var tgtNums [2][]Number
	var tgtAmbiguous, tgtRead [2]bool
	best := -1
	for _, sj := range []bool{true, false} {
		s, sAmbiguous := Extract(src, srcLang, sj)
		for k, tj := range []bool{true, false} {
			if !tgtRead[k] {
				tgtNums[k], tgtAmbiguous[k] = Extract(tgt, tgtLang, tj)
				tgtRead[k] = true
			}
			t, tAmbiguous := tgtNums[k], tgtAmbiguous[k]
			m, e := diffNumbers(s, t)
			if best < 0 || len(m)+len(e) < best {
				missing, extra, best = m, e, len(m)+len(e)
			}
			if best == 0 || !tAmbiguous {
				break
			}
		}
		if best == 0 || !sAmbiguous {
			break
		}
	}
	return missing, extra
}

// hasDigit reports whether s holds an ASCII digit, the only start of a
// number in digits.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

// diffNumbers compares two lists of numbers as multisets: missing are the
// source's numbers in digits with no equal number in the target, extra the
// target's with none in the source. Numbers in digits pair first; a soft
// number may then stand in for one left over on the other side.
func diffNumbers(src, tgt []Number) (missing, extra []Number) {
	return unmatched(src, tgt), unmatched(tgt, src)
}

// unmatched returns the numbers in digits of ns that other cannot pair.
func unmatched(ns, other []Number) []Number {
	hard, soft := map[string]int{}, map[string]int{}
	for _, n := range other {
		if n.Soft {
			soft[n.Value]++
		} else {
			hard[n.Value]++
		}
	}
	var out, left []Number
	for _, n := range ns {
		switch {
		case n.Soft:
		case hard[n.Value] > 0:
			hard[n.Value]--
		default:
			left = append(left, n)
		}
	}
	for _, n := range left {
		if soft[n.Value] > 0 {
			soft[n.Value]--
			continue
		}
		out = append(out, n)
	}
	return out
}
