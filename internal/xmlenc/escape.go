package xmlenc

import (
	"fmt"
	"strings"
)

// IsChar reports whether r may appear literally in an XML 1.0 document.
func IsChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// Escape escapes s for element content or, with attr, for an attribute value
// (where quotes, tabs and line ends are written as references too). A carriage
// return is always written as a reference so that it survives line-end
// normalisation. A character XML cannot hold is replaced by invalid(r), or by
// U+FFFD when invalid is nil; invalid UTF-8 becomes U+FFFD.
func Escape(s string, attr bool, invalid func(rune) string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\r' || attr && (r == '\n' || r == '\t'):
			fmt.Fprintf(&b, "&#x%X;", r)
		case IsChar(r):
			b.WriteRune(r)
		case invalid != nil:
			b.WriteString(invalid(r))
		default:
			b.WriteRune('\uFFFD')
		}
	}
	return b.String()
}
