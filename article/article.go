package article

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diglot/diglot/bitext"
)

// Article is one source article, decoded, cleaned of junk lines and cut into
// blocks.
type Article struct {
	Path     string // as passed to Read/Parse (the caller makes it relative)
	Format   string // "txt" or "md"
	Encoding string // "utf-8" or "windows-1252" ("utf-16le"/"utf-16be" for files with a UTF-16 BOM)
	SHA256   string // hex sha256 of the raw file bytes
	Title    string // md front matter `title`, "" otherwise
	// Blocks are in document order; a title from front matter is the first block,
	// of Kind bitext.KindTitle.
	Blocks []Block
	// Removed lists the junk lines removed, with their 1-based line and rule name.
	Removed []bitext.Removed
}

// Block is one unit of an article: a paragraph, heading, list item, quote, code
// block or table.
type Block struct {
	Kind string // one of the bitext.Kind* constants
	// Text is the plain text to translate, whitespace-normalised (the lines of a
	// soft-wrapped paragraph joined by one space). For code and table blocks it
	// is the raw block as written, fences included.
	Text      string
	Line      int    // 1-based line of the block's first line in the file
	Level     int    // heading level 1-6; list nesting depth 0..n
	Marker    string // list marker as written: "-", "*", "+", "1.", "2)" ...
	Translate bool   // false for code and table blocks
}

// Options control [Read] and [Parse].
type Options struct {
	KeepJunk bool       // keep junk lines (no cleaning)
	Junk     []JunkRule // rules to apply; nil means DefaultJunkRules()
	// Input bounds what [Read] reads: by default at most DefaultMaxInputSize
	// bytes, and regular files only.
	Input Limits
}

// Span is a half-open byte range [Start, End) of a text.
type Span struct{ Start, End int }

// MsgNoText is the [Error] message of a file with nothing to translate: an
// empty file, or one whose every line is junk. A batch skips such a file
// rather than failing it.
const MsgNoText = "no text to translate"

// Error reports bad input: a file that is not text, not in a known encoding,
// has a malformed front matter, or holds nothing to translate.
type Error struct {
	Path string
	Line int // 1-based; 0 when the problem is not on one line
	Msg  string
	Err  error // the sentinel behind Msg, if any ([ErrTooLarge], [ErrNotRegular])
}

func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// Format names.
const (
	FormatText     = "txt"
	FormatMarkdown = "md"
)

// FormatOf returns the format of path from its extension: "txt" for .txt,
// "md" for .md and .markdown (any case), "" otherwise.
func FormatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt":
		return FormatText
	case ".md", ".markdown":
		return FormatMarkdown
	}
	return ""
}

// Read reads the article at path; its format comes from the extension (.txt,
// .md, .markdown). It reads through opt.Input (see [ReadFileLimited]).
func Read(path string, opt Options) (*Article, error) {
	data, err := ReadFileLimited(path, opt.Input, DefaultMaxInputSize)
	if err != nil {
		if _, ok := err.(*Error); ok {
			return nil, err
		}
		return nil, fmt.Errorf("article: %w", err)
	}
	return Parse(path, data, opt)
}

// Parse parses data, the bytes of the file at path, in the format given by the
// extension of path. Bad input gives an *[Error].
func Parse(path string, data []byte, opt Options) (*Article, error) {
	format := FormatOf(path)
	if format == "" {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("unsupported file extension %q (want .txt, .md or .markdown)", filepath.Ext(path))}
	}
	text, enc, err := decode(path, data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	a := &Article{
		Path:     path,
		Format:   format,
		Encoding: enc,
		SHA256:   hex.EncodeToString(sum[:]),
	}
	c := newCleaner(opt)
	lines := splitLines(text)
	switch format {
	case FormatText:
		parseText(a, lines, c)
	case FormatMarkdown:
		if err := parseMarkdown(a, lines, c); err != nil {
			return nil, err
		}
	}
	a.Removed = c.removed
	if !hasText(a.Blocks) {
		return nil, &Error{Path: path, Msg: MsgNoText}
	}
	return a, nil
}

// hasText reports whether some block is to be translated.
func hasText(blocks []Block) bool {
	for _, b := range blocks {
		if b.Translate {
			return true
		}
	}
	return false
}

// splitLines splits LF-terminated text into lines, without a last empty line
// for a final newline.
func splitLines(text string) []string {
	lines := strings.Split(text, "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	return lines
}

// normalizeSpace joins and collapses runs of ASCII white space (the soft wraps
// of a paragraph) into one space, drops zero-width characters and trims the
// ends. No-break spaces inside the text are French typography and stay.
func normalizeSpace(s string) string {
	if spaceNormal(s) {
		return s // what most lines are: nothing to join, drop or trim
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\v', '\f':
			space = true
			continue
		case '\u200b', '\ufeff':
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// spaceNormal reports whether normalizeSpace(s) is s: valid UTF-8 with no
// ASCII white space but single spaces inside, no zero-width character, and
// no white space at either end.
func spaceNormal(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !spaceSuspect[c] {
			continue // what nearly every byte is
		}
		switch c {
		case ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case '\t', '\n', '\r', '\v', '\f':
			return false
		case 0xE2: // U+200B is E2 80 8B
			if strings.HasPrefix(s[i:], "\u200b") {
				return false
			}
		case 0xEF: // U+FEFF is EF BB BF
			if strings.HasPrefix(s[i:], "\ufeff") {
				return false
			}
		}
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return !unicode.IsSpace(first) && !unicode.IsSpace(last)
}

// spaceSuspect marks the bytes spaceNormal looks at.
var spaceSuspect = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\v': true, '\f': true, 0xE2: true, 0xEF: true}

// appendBlock appends a block of translatable text, dropping it when the text
// is empty after normalisation.
func appendBlock(blocks []Block, b Block) []Block {
	b.Text = normalizeSpace(b.Text)
	if b.Text == "" {
		return blocks
	}
	b.Translate = true
	return append(blocks, b)
}
