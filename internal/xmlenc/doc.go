// Package xmlenc holds the XML plumbing shared by diglot's XML readers (XLIFF
// in package xliff, TMX in package tmx, TBX in package glossary):
//
//   - [NewDecoder], a strict decoder that accepts the encodings CAT tools
//     write (UTF-8 with or without a byte order mark, UTF-16 LE or BE,
//     ISO-8859-1 and windows-1252 by declaration), fetches nothing from the
//     network and expands no entity beyond the five predefined ones;
//   - [Walker], a token reader for recursive-descent readers that refuses
//     elements nested deeper than [MaxDepth], so that no input can exhaust
//     the stack;
//   - [Error], a problem at a file and line, the error type of every reader;
//   - [Escape], for writers.
package xmlenc
