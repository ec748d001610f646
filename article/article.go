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
	// a few scans of the whole line, each at the pace of strings.Index,
	// rather than one that looks at every byte
	if strings.Contains(s, "  ") || hasASCIISpaceControl(s) || strings.Contains(s, "\u200b") || strings.Contains(s, "\ufeff") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return !unicode.IsSpace(first) && !unicode.IsSpace(last)
}

// hasASCIISpaceControl reports whether s holds a tab, a line feed, a
// vertical tab, a form feed or a carriage return (0x09-0x0D), eight bytes at
// a time: x-0x0E… borrows into the high bit of a byte below 0x0E, the
// lowest of them at least, and the bytes of a word so flagged are looked at
// one by one.
func hasASCIISpaceControl(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if (x-0x0e*ones)&^x&highs == 0 {
			continue
		}
		for _, c := range []byte(s[i : i+8]) {
			if c >= '\t' && c <= '\r' {
				return true
			}
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c >= '\t' && c <= '\r' {
			return true
		}
	}
	return false
}

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
