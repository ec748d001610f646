// Package tmx reads and writes TMX 1.4, the translation memory exchange
// format.
//
// [Read] accepts TMX 1.x in UTF-8 or UTF-16 (with either byte order mark),
// with LF or CRLF line ends, and returns a [Doc] of translation units ([TU])
// with their language variants ([TUV]) as plain text plus the inline codes in
// order. [TU.Text] finds a variant by language, falling back to the primary
// subtag. [Write] writes TMX 1.4 valid against tmx14.dtd. The package knows
// TMX only: package output turns diglot documents into a [Doc], and package
// bitext reads TMX files into its unit model.
package tmx
