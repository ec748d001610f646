// Package termsafe makes text that comes from outside diglot (file names,
// server error bodies, configuration values) safe to print on a terminal,
// so that such text can never move the cursor, change colours, set the
// window title, hide what follows or reorder a line.
//
// [String] is for text printed as text: every control character (C0, DEL
// and C1, among them ESC, which starts every terminal escape sequence, and
// the single-byte CSI U+009B), every bidirectional control (U+061C,
// U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and every byte that is not
// UTF-8 becomes a visible escape such as \x1b, \u202e or \xff; line breaks
// and tabs (\t \n \v \f \r, U+0085, U+2028, U+2029) become one space each,
// so that one message stays one line. Everything else, backslashes
// included, is kept as it is: the result is for people to read, not to be
// parsed back.
//
// [JSON] is for JSON that encoding/json wrote: it replaces the characters
// the encoder leaves raw inside strings (DEL, C1 controls, bidirectional
// controls) with their \u escapes, so that the bytes are safe on a terminal
// and the decoded values stay exactly the same.
package termsafe
