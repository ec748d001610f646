package article

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Encoding names recorded in [Article.Encoding].
const (
	EncodingUTF8        = "utf-8"
	EncodingWindows1252 = "windows-1252"
	EncodingUTF16LE     = "utf-16le"
	EncodingUTF16BE     = "utf-16be"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// maxControlShare is the share of control characters (other than tab, line
// and form feeds) above which a file is taken for binary data.
const maxControlShare = 0.10

// decode turns the raw bytes of a file into LF-terminated UTF-8 text, and names
// the encoding it found. See the package documentation for the rules.
func decode(path string, data []byte) (string, string, error) {
	if len(data) == 0 {
		return "", "", &Error{Path: path, Msg: MsgNoText}
	}
	enc := EncodingUTF8
	base := 0 // offset of data in the file, for error messages
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		data, base = data[len(bomUTF8):], len(bomUTF8)
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		order, name := xunicode.LittleEndian, EncodingUTF16LE
		if data[0] == 0xFE {
			order, name = xunicode.BigEndian, EncodingUTF16BE
		}
		out, err := xunicode.UTF16(order, xunicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", "", &Error{Path: path, Msg: fmt.Sprintf("bad %s text: %v", name, err)}
		}
		data, enc = out, name
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", "", &Error{Path: path, Msg: fmt.Sprintf("binary file (NUL byte at offset %d)", base+i)}
	}
	text := string(data)
	if !utf8.Valid(data) {
		off := invalidUTF8(data)
		decoded, ok := windows1252French(data)
		if !ok {
			return "", "", &Error{Path: path, Msg: fmt.Sprintf("not UTF-8 text and not Windows-1252 French (byte %#02x at offset %d)", data[off], base+off)}
		}
		text, enc = decoded, EncodingWindows1252
	}
	text = strings.TrimPrefix(text, "\ufeff")
	text, controls, total := dropControls(text)
	if total > 0 && float64(controls) > maxControlShare*float64(total) {
		return "", "", &Error{Path: path, Msg: fmt.Sprintf("binary file (%d of %d characters are control characters)", controls, total)}
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	return text, enc, nil
}

// invalidUTF8 returns the offset of the first byte of data that is not valid
// UTF-8, or -1.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// dropControls removes control characters other than tab, CR, LF and form
// feed, and counts them against the number of characters. The controls are
// C0 (bytes below 0x20), DEL and C1 (U+0080-U+009F, encoded C2 80-C2 9F),
// so that a byte scan finds them; an invalid byte counts as one character,
// as ranging over the text counts it (FuzzDropControls).
func dropControls(s string) (out string, controls, total int) {
	for i := 0; i < len(s); i++ {
		if i+8 <= len(s) && !mayHoldControl(s[i:i+8]) {
			i += 7 // eight bytes none of which starts a control
			continue
		}
		switch c := s[i]; {
		case c < 0x20:
			if c != '\t' && c != '\n' && c != '\r' && c != '\f' {
				controls++
			}
		case c == 0x7f:
			controls++
		case c == 0xc2:
			if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
				controls++
			}
		}
	}
	total = utf8.RuneCountInString(s)
	if controls == 0 {
		return s, 0, total
	}
	return strings.Map(func(r rune) rune {
		if isStrayControl(r) {
			return -1
		}
		return r
	}, s), controls, total
}

// mayHoldControl reports whether one of the 8 bytes of b is below 0x20,
// DEL or 0xC2 (the first byte of C1 controls), eight bytes at a time: a
// byte of x^k is zero where b's is k, and x-0x20… borrows into the high bit
// of a byte below 0x20 (a byte that is none of these may be reported too,
// after a borrow: the byte loop then decides).
func mayHoldControl(b string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
	zero := func(v uint64) uint64 { return (v - ones) &^ v & highs }
	return (x-0x20*ones)&^x&highs != 0 || zero(x^0x7f*ones) != 0 || zero(x^0xc2*ones) != 0
}

func isStrayControl(r rune) bool {
	switch r {
	case '\t', '\n', '\r', '\f':
		return false
	}
	return unicode.IsControl(r)
}

// undefined1252 are the byte values Windows-1252 leaves undefined.
const undefined1252 = "\x81\x8d\x8f\x90\x9d"

// frenchHigh holds the characters a French text encodes with bytes 0x80-0xFF in
// Windows-1252: accented letters, guillemets, typographic quotes and dashes,
// the ellipsis, the no-break space and a few signs.
const frenchHigh = "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»‘’“”…–—€°\u00a0·"

// frenchAccents are letters that mark a text as French rather than English.
const frenchAccents = "àâçéèêëîïôùûœÀÂÇÉÈÊÎÔŒ"

// frenchWords are frequent short French words; three distinct ones mark a
// text as French when it has no accented letter.
var frenchWords = map[string]bool{
	"le": true, "la": true, "les": true, "des": true, "du": true, "une": true,
	"est": true, "et": true, "dans": true, "pour": true, "qui": true, "que": true,
	"sur": true, "avec": true, "pas": true, "au": true, "aux": true, "par": true,
}

// windows1252French decodes data as Windows-1252 and reports whether the
// result reads as French text:
//   - no byte is one that Windows-1252 leaves undefined;
//   - at least 80% of the characters coming from bytes 0x80-0xFF are in
//     [frenchHigh];
//   - at least 60% of the non-space characters are letters;
//   - the text has a French accented letter, or three distinct frequent
//     French words.
func windows1252French(data []byte) (string, bool) {
	high, frenchish := 0, 0
	for _, c := range data {
		if strings.IndexByte(undefined1252, c) >= 0 {
			return "", false
		}
		if c >= 0x80 {
			high++
			r := charmap.Windows1252.DecodeByte(c)
			if strings.ContainsRune(frenchHigh, r) {
				frenchish++
			}
		}
	}
	if float64(frenchish) < 0.8*float64(high) {
		return "", false
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", false
	}
	text := string(out)
	letters, visible := 0, 0
	for _, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		visible++
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if float64(letters) < 0.6*float64(visible) {
		return "", false
	}
	if strings.ContainsAny(text, frenchAccents) {
		return text, true
	}
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if frenchWords[w] {
			seen[w] = true
		}
	}
	return text, len(seen) >= 3
}
