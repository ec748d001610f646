package xmlenc

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Error is a problem at a place in an XML file: a well-formedness error reported
// by encoding/xml or a structural error found by a reader.
type Error struct {
	File string // the name the reader was given; "" for a reader of no named file
	Line int    // 1-based; 0 when unknown
	Msg  string
	Err  error // the underlying error, if any
}

func (e *Error) Error() string {
	switch {
	case e.File == "" && e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	case e.File == "":
		return e.Msg
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an [*Error] at file:line with a formatted message.
func Errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Wrap turns err, as returned by an [xml.Decoder] made by [NewDecoder], into an
// [*Error] naming file and, for syntax errors, the line.
func Wrap(file string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return &Error{File: file, Line: syn.Line, Msg: "not well-formed XML: " + syn.Msg, Err: err}
	}
	if errors.Is(err, io.EOF) {
		return &Error{File: file, Msg: "unexpected end of file", Err: io.ErrUnexpectedEOF}
	}
	return &Error{File: file, Msg: err.Error(), Err: err}
}

// NewDecoder returns a strict [xml.Decoder] over r. A byte order mark selects
// UTF-8 or UTF-16; without one, a document starting with "<" followed by a NUL
// byte (or the reverse) is UTF-16 as XML 1.0 appendix F describes. Other
// encodings are taken from the XML declaration.
func NewDecoder(r io.Reader) *xml.Decoder {
	br := bufio.NewReader(r)
	head, _ := br.Peek(2)
	var src io.Reader = br
	switch {
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}), bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		src = transform.NewReader(br, unicode.BOMOverride(transform.Nop))
	case bytes.Equal(head, []byte{'<', 0}):
		src = transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder())
	case bytes.Equal(head, []byte{0, '<'}):
		src = transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder())
	default:
		if b, _ := br.Peek(3); bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
			_, _ = br.Discard(3)
		}
	}
	d := xml.NewDecoder(src)
	d.Strict = true
	d.CharsetReader = charsetReader
	return d
}

// charsetReader decodes the encodings a declaration may name. UTF-16 input was
// already transcoded by [NewDecoder], so the label only has to be accepted.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf-16", "utf-16le", "utf-16be", "ucs-2":
		return in, nil
	case "us-ascii", "ascii":
		return in, nil // a subset of UTF-8; bytes above 0x7F are refused as invalid UTF-8
	}
	enc, err := ianaindex.IANA.Encoding(label)
	if err != nil || enc == nil {
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	if enc == encoding.Nop || enc == unicode.UTF8 {
		return in, nil
	}
	return transform.NewReader(in, enc.NewDecoder()), nil
}
