// Package article reads source articles, cleans them of scraped junk and cuts
// them into blocks of text to translate, and French text into sentences.
//
// [Read] and [Parse] turn a .txt or .md file into an [Article]: its [Block]s in
// document order (kinds from package bitext: title, heading, paragraph,
// list-item, quote, code, table), the junk lines removed (never silently: each
// is in [Article.Removed] with its line and rule), the encoding found and the
// SHA-256 of the bytes. Bad input gives an *[Error] naming the file and, where
// there is one, the line.
//
// # Encodings
//
// A UTF-8 byte order mark is dropped; CRLF and CR line ends become LF. A file
// with a UTF-16 byte order mark is decoded from UTF-16. A NUL byte, or more than
// 10% control characters, marks a binary file, which is refused; a few stray
// control characters in a text are dropped. A file that is not valid UTF-8 is
// decoded as Windows-1252 when the result reads as French text: none of the
// bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D (undefined in Windows-1252); 80% or more of
// the characters coming from bytes 0x80-0xFF are French accented letters,
// guillemets, typographic quotes, dashes, the ellipsis or a no-break space; 60%
// or more of the non-space characters are letters; and there is a French
// accented letter or three distinct frequent French words (le, les, des, est …).
// Otherwise the file is refused with the offset of its first byte that is not
// UTF-8. An empty file, or one with nothing to translate once cleaned, is an
// error too ("no text to translate").
//
// # Plain text
//
// News scraped as text comes in two styles: one paragraph per line, or
// paragraphs separated by blank lines and soft-wrapped inside. The rule:
//
//   - Content lines form runs, ended by blank lines and by junk lines.
//   - The file is soft-wrapped when a blank line stands between two content
//     lines AND some run holds a soft wrap: a line not ending in sentence
//     punctuation (. ! ? … : ; or a closing quote or bracket) followed by a line
//     starting with a lowercase letter.
//   - In a soft-wrapped file, a run in which a line other than the last does
//     not end in sentence punctuation is one paragraph, its lines joined by a
//     space; any other run (every line ends a sentence) keeps one paragraph per
//     line, so files that mix both styles come out right.
//   - Otherwise every content line is a paragraph.
//
// A short ALL-CAPS first line (no lowercase letter, at most 15 words) is a
// headline: a heading of level 1.
//
// # Markdown
//
// A YAML front matter between "---" lines at the top gives [Article.Title] and
// a first block of kind title; other keys are ignored. The body is read as
// CommonMark blocks: ATX and setext headings, bullet and ordered lists (nested
// by indentation, continuation and lazy lines joined to the item), block
// quotes (one block per quote paragraph), fenced and indented code blocks and
// GitHub pipe tables (kept raw, fences included, and not to be translated),
// and paragraphs. Thematic breaks are dropped. Inline markup (emphasis, links,
// inline code, HTML) stays in the text as written.
//
// # Junk
//
// A [JunkRule] removes a line when its pattern matches the whole trimmed line,
// never part of one: a sentence that mentions Facebook stays, a line that is
// only "Partager sur Facebook" goes. [DefaultJunkRules] covers French scraped
// news (ad markers, "Source link", "Lire aussi", share buttons, "Publicité",
// "Abonnez-vous", "Suivez-nous", photo credits, copyright and cookie banners);
// [ParseJunkRule] reads a user rule "name=regexp" from configuration. In
// Markdown, rules are also tried on the line with emphasis and link markup
// removed, and never touch code blocks, tables or the front matter. A line
// longer than 500 bytes is never junk. [Options.KeepJunk] turns cleaning off.
//
// # Input limits
//
// [Read] reads through [ReadFileLimited], the one function every reader of
// named inputs in diglot calls: at most [DefaultMaxInputSize] (16 MiB) for an
// article and [DefaultMaxGlossarySize] (256 MiB) for a glossary unless
// [Limits].MaxSize says otherwise, and only regular files (symbolic links
// followed) unless [Limits].AnyFile insists, so that a name that leads to
// /dev/zero or a named pipe is refused on one line instead of exhausting the
// memory. The errors wrap [ErrTooLarge] and [ErrNotRegular].
//
// # Sentences
//
// [Sentences] splits French text into [Span]s, aware of abbreviations (M.,
// Mme, cf., p. ex., av. J.-C.), initials (C. Michel), numbers with spaces or
// decimal commas (6 500, 12,5), guillemets, ellipses and the space French
// puts before ! and ?.
//
// # Inline markup
//
// A Markdown block's text keeps its inline markup as written; [InlineCodes]
// finds it (bold, italic, strikethrough, links, code spans, images,
// autolinks) as [bitext.Code] values, which translation protects and the
// writers turn into XLIFF, TMX and HTML elements.
package article
