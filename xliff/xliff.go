package xliff

import (
	"io"
	"os"

	"github.com/diglot/diglot/internal/xmlenc"
)

// Namespaces of the XLIFF documents and modules this package reads and writes.
const (
	NS12        = "urn:oasis:names:tc:xliff:document:1.2"
	NS2         = "urn:oasis:names:tc:xliff:document:2.0" // XLIFF 2.0 and 2.1
	NS22        = "urn:oasis:names:tc:xliff:document:2.2"
	NSMetadata  = "urn:oasis:names:tc:xliff:metadata:2.0"
	NSGlossary  = "urn:oasis:names:tc:xliff:glossary:2.0"
	NSDiglot    = "https://github.com/diglot/diglot/xliff"
	MetaDiglot  = "diglot"  // category of the diglot metaGroup
	NotePrefix  = "diglot:" // note category prefix of a problem: "diglot:" + rule id
	versionXLF2 = "2.1"     // the version [Write] declares
)

// ParseError is the error type of [Read]: a problem at a line of a named file.
type ParseError = xmlenc.Error

// File is an XLIFF document: version 1.2, 2.0, 2.1 or 2.2.
type File struct {
	Version string // the root's version attribute: "1.2", "2.0", "2.1", "2.2"
	SrcLang string
	TrgLang string
	Files   []FileElem // the <file> elements, in order
}

// FileElem is one <file> element.
type FileElem struct {
	ID       string // XLIFF 2 file/@id; XLIFF 1.2 has none and gets "f1", "f2"…
	Original string
	// Meta holds the diglot metadata written by [Write] (the Metadata module's
	// metaGroup of category "diglot"): "schema", "source-sha256",
	// "source-path", "backend", "model"…
	Meta  map[string]string
	Units []Unit
}

// Unit is an XLIFF 2 <unit> or an XLIFF 1.2 <trans-unit>.
type Unit struct {
	ID   string // XLIFF 2 unit/@id; 1.2 trans-unit/@id
	Line int    // 1-based line of the unit's start tag
	// Source and Target are the plain text of all segments and ignorables in
	// order (targets in their display order). Inline codes contribute their
	// text equivalent (equiv attributes) or nothing; annotations keep their text.
	Source    string
	Target    string
	HasTarget bool
	// State is the least advanced state of the segments (XLIFF 2: initial,
	// translated, reviewed, final; an absent attribute counts as initial when a
	// sibling has one) or the 1.2 target/@state; "" when none is given.
	State string
	// StateQualifier is the XLIFF 1.2 target/@state-qualifier
	// ("leveraged-mt", "exact-match"…); Approved is trans-unit/@approved.
	StateQualifier string
	Approved       bool
	Translate      bool // false when translate="no" here or on an enclosing element
	Notes          []string
	NoteInfo       []Note // the same notes with their attributes
	// SourceCodes and TargetCodes name the inline codes in order as
	// "element:id" ("ph:1", "pc:2", "sc:3", "ec:3", "g:1", "x:2", "bx:3"…), for
	// markup checks. An <ec> or <ept> is named by the id it closes.
	SourceCodes []string
	TargetCodes []string
	Segments    []Seg
	// Meta holds the unit's diglot metadata written by [Write] ("kind",
	// "origin", "mt"…).
	Meta map[string]string
	// Glossary holds the Glossary module entries of an XLIFF 2 unit.
	Glossary []GlossEntry
}

// Seg is one XLIFF 2 segment, or the whole of an XLIFF 1.2 trans-unit.
type Seg struct {
	ID, Source, Target, State string
}

// Note is a note with the attributes diglot uses.
type Note struct {
	ID        string
	Category  string // "diglot:term-missing" for a problem written by [Write]
	Priority  int    // 1 (highest) to 10; 0 when absent
	AppliesTo string // "source", "target" or ""
	Text      string
}

// GlossEntry is a Glossary module entry: a term in the source and its
// translation.
type GlossEntry struct {
	Ref         string // the glossEntry/@ref ("#m1" points to a mrk in the unit)
	Term        string
	Translation string
	Entry       string // the diglot glossary entry id (an extension attribute)
	Variant     bool
}

// ReadFile reads the XLIFF file at path.
func ReadFile(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, path)
}

// Read reads an XLIFF 1.2 or 2.x document; name is used in errors. It fetches
// nothing and expands no entity beyond the predefined ones. Errors are
// [*ParseError] values naming name and the line.
func Read(r io.Reader, name string) (*File, error) {
	p := newParser(r, name)
	return p.document()
}
