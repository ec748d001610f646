package termsafe

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// String returns s with every character that a terminal could act on made
// visible, and line breaks made spaces (see the package comment). It
// returns s itself when there is nothing to change.
func String(s string) string {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case isBreak(r):
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteString(hex2(byte(r)))
		case unsafeRune(r):
			b.WriteString(uEscape(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// JSON returns the encoded JSON data with the characters encoding/json
// leaves raw inside strings (DEL, C1 controls, bidirectional controls, and
// invalid UTF-8, which becomes U+FFFD) written as \u escapes. The result
// decodes to the same values. data is returned as it is when there is
// nothing to change.
func JSON(data []byte) []byte {
	i := 0
	for i < len(data) && data[i] < 0x7f {
		i++
	}
	if i == len(data) {
		return data
	}
	out := make([]byte, 0, len(data)+16)
	out = append(out, data[:i]...)
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, `\ufffd`...)
		case r == 0x7f || unsafeRune(r):
			out = append(out, uEscape(r)...)
		default:
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	return out
}

// isBreak reports whether r breaks a line or moves to a tab stop.
func isBreak(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// unsafeRune reports whether r, at or above U+0080, is a control or a
// bidirectional control (or a line or paragraph separator).
func unsafeRune(r rune) bool {
	return r >= 0x80 && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) ||
		r == 0x2028 || r == 0x2029)
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}

func uEscape(r rune) string {
	h := strconv.FormatInt(int64(r), 16)
	return `\u` + strings.Repeat("0", 4-len(h)) + h
}
