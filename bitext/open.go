package bitext

import (
	"bytes"
	"encoding/xml"
	"errors"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/diglot/diglot/internal/xmlenc"
	"github.com/diglot/diglot/tmx"
	"github.com/diglot/diglot/xliff"

	"github.com/diglot/diglot/internal/inputfile"
)

// Formats of the bilingual files [Open] reads.
const (
	FormatJSON  = "json"  // diglot's own bitext JSON, schema [Schema]
	FormatXLIFF = "xliff" // XLIFF 1.2 or 2.x
	FormatTMX   = "tmx"   // TMX 1.x
)

// Options are the settings of [Open]; the zero value will do.
type Options struct {
	// Name is the file as errors name it; the path when empty.
	Name string
	// From and To are the language pair the caller works in. They only
	// choose, among the languages of a TMX file, the target language when the
	// file holds more than two, and the source language when its header
	// declares none (or "*all*"). Either may be empty.
	From, To string
}

// File is a bilingual file as [Open] reads it, whatever its format: parts of
// units in one model.
type File struct {
	Name    string // as errors name it
	Format  string // [FormatJSON], [FormatXLIFF] or [FormatTMX]
	Version string // the schema of a JSON document, the version attribute of XLIFF and TMX
	// From and To are the source and target languages: the document's, the
	// XLIFF srcLang and trgLang (source-language and target-language of the
	// first 1.2 <file>), or the pair chosen in a TMX file (see [Open]).
	From, To string
	// Parts are the articles of the file: one per XLIFF <file> element, one
	// for a JSON document or a TMX file.
	Parts []Part

	docs []*Document // the document of each part
}

// Part is one article of a bilingual file.
type Part struct {
	ID string // the XLIFF file id ("f1", "f2"… for XLIFF 1.2); "" for JSON and TMX
	// Original is the source file the part translates: the source path of a
	// JSON document, the XLIFF file/@original; "" for TMX.
	Original string
	// Metadata is what diglot recorded about the article: the keys of the
	// XLIFF Metadata module group "diglot" ("schema", "source-path",
	// "source-sha256", "source-title", "backend", "model"…), the same keys
	// from a JSON document's members; none for TMX.
	Metadata map[string]string
	Units    []Unit
}

// Unit is one translation unit: a JSON segment, an XLIFF <unit> or
// <trans-unit>, a TMX <tu>.
type Unit struct {
	ID   string // segment id, unit id, tuid (or the unit's 1-based position when it has none)
	Line int    // 1-based line of the unit in the file (of a JSON segment's "id" member)
	// Source and Target are plain text (XLIFF and TMX inline codes removed,
	// their text equivalents kept).
	Source, Target string
	// HasTarget is false when the unit has no target at all: no XLIFF
	// <target>, no TMX variant in the target language. A JSON segment
	// always has one, possibly empty.
	HasTarget bool
	// Translate is false for a block that is never translated: a code or
	// table segment, an XLIFF unit with translate="no".
	Translate bool
	Codes     Codes
	// Notes are the unit's notes: XLIFF and TMX notes; for a JSON segment,
	// one per issue, its rule and message ("term-missing Haut-Karabakh…").
	Notes []string
	// NoteFrom says who wrote each of Notes, "" when the file does not
	// say: the XLIFF 1.2 from attribute, the XLIFF 2 category; nil when no
	// note says.
	NoteFrom []string
	// Sentences are the unit's sentence segments when it has more than
	// one: the XLIFF 1.2 <mrk mtype="seg"> of its <seg-source> and
	// <target>, matched by mid; the XLIFF 2 segments. Source and Target
	// joined (with the white space between them) give the unit's.
	Sentences []Sentence
	// State is the XLIFF state (2.x: the least advanced segment's;
	// 1.2: target/@state); "" when the file gives none, and for JSON and TMX.
	State string
	// Metadata is what diglot recorded about the unit under its bare names
	// ("kind", "origin", "mt", "machine", "line"…): from an XLIFF unit's
	// Metadata module group, from a JSON segment's members, from a TMX
	// unit's props (x-diglot-origin as "origin"; other props by their type).
	// A TMX tuid of the form diglot writes, PATH#ID, also gives
	// "source-path" and "segment".
	Metadata map[string]string
}

// Sentence is one sentence segment of a [Unit].
type Sentence struct {
	ID, Source, Target string
	State              string // the segment's XLIFF 2 state, else the unit's
}

// Codes are the inline codes of a unit, for markup checks.
type Codes struct {
	// Known is false when the format has no inline codes (JSON text is plain).
	Known bool
	// Source and Target name the codes in order as "element:id": "pc:1",
	// "ph:2", "ec:1" for XLIFF 2, "g:1", "x:2" for XLIFF 1.2, "bpt:1", "ph:3"
	// or a bare "ut" for TMX.
	Source, Target []string
	// ByKind is true when ids do not pair source codes with target codes
	// (TMX numbers them per variant): compare the elements in order only.
	ByKind bool
}

// Document returns the first part of f as a bitext document: the document
// itself for JSON; for XLIFF, the document that [Write] of package output
// recorded in the file's metadata, with one segment per unit; for TMX, one
// paragraph per unit.
func (f *File) Document() *Document {
	if len(f.docs) == 0 {
		return &Document{Schema: Schema, Source: Source{Lang: f.From}, Target: Target{Lang: f.To}}
	}
	return f.docs[0]
}

// MaxFileSize bounds a bilingual file [Open] reads: 256 MiB holds the TMX
// export of a memory of a million paragraphs.
const MaxFileSize int64 = 256 << 20

// Open reads the bilingual file at path, whatever its format, into one
// model. The format is found from the content, the same way for every
// caller: a file whose first character (after a byte order mark and white
// space) is "{" is bitext JSON; one that starts with "<", or is UTF-16, is
// XML and read as XLIFF or TMX by its root element (<xliff> or <tmx>).
// Only when the content says neither does the extension choose (.json,
// .xlf, .xliff, .tmx), so that the reader of that format says what is wrong;
// any other file is refused. The file is read and decoded once.
//
// In a TMX file, the source language is the header's srclang; when that is
// absent or "*all*", opt.From if a variant has it, else the first variant's
// language. The target language is opt.To if a variant has it, else the
// first other language. Units without a variant in the source language are
// left out.
//
// A file larger than [MaxFileSize], or one that is not a regular file (a
// device, a FIFO), is refused without being read whole.
//
// Errors are [*ParseError] values naming the file and line, or the error of
// opening the file.
func Open(path string, opt Options) (*File, error) {
	name := path
	if opt.Name != "" {
		name = opt.Name
	}
	data, err := inputfile.Read(path, MaxFileSize, false)
	if err != nil {
		var r *inputfile.Refusal
		if errors.As(err, &r) {
			return nil, &ParseError{File: name, Msg: r.Msg, Err: r.Err}
		}
		return nil, err
	}
	f := &File{Name: name}
	switch f.Format = sniff(data, path); f.Format {
	case FormatJSON:
		err = f.readJSON(data)
	case FormatXLIFF:
		err = f.readXLIFF(data)
	case FormatTMX:
		err = f.readTMX(data, opt)
	default:
		return nil, &ParseError{File: name, Msg: "not a bilingual file: want bitext JSON, XLIFF or TMX"}
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// sniff returns the format of data, "" when it is none Open reads.
func sniff(data []byte, path string) string {
	head := bytes.TrimPrefix(data, []byte("\uFEFF"))
	head = bytes.TrimLeft(head, " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("{")):
		return FormatJSON
	case bytes.HasPrefix(head, []byte("<")), bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0xFF, 0xFE}),
		len(data) > 1 && (data[0] == 0 || data[1] == 0):
		switch root(data) {
		case "xliff":
			return FormatXLIFF
		case "tmx":
			return FormatTMX
		}
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return FormatJSON
	case ".xlf", ".xliff":
		return FormatXLIFF
	case ".tmx":
		return FormatTMX
	}
	return ""
}

// root returns the local name of the root element of an XML document, ""
// when it cannot be read. Only the prolog and the root's start tag are
// decoded.
func root(data []byte) string {
	d := xmlenc.NewDecoder(bytes.NewReader(data))
	for {
		t, err := d.RawToken()
		if err != nil {
			return ""
		}
		if se, ok := t.(xml.StartElement); ok {
			return se.Name.Local
		}
	}
}

// readJSON reads a bitext JSON document.
func (f *File) readJSON(data []byte) error {
	d, lines, err := decode(bytes.TrimPrefix(data, []byte("\uFEFF")), f.Name)
	if err != nil {
		return err
	}
	f.Version, f.From, f.To = d.Schema, d.Source.Lang, d.Target.Lang
	p := Part{Original: d.Source.Path, Metadata: documentMeta(d)}
	if len(d.Segments) > 0 {
		p.Units = make([]Unit, 0, len(d.Segments))
	}
	for i, s := range d.Segments {
		u := Unit{
			ID: s.ID, Line: lines[i], Source: s.Source, Target: s.Target, HasTarget: true,
			Translate: s.Kind != KindCode && s.Kind != KindTable,
			Metadata:  segmentMeta(&s),
		}
		for _, is := range s.Issues {
			u.Notes = append(u.Notes, is.Rule+" "+is.Message)
		}
		u.Notes = append(u.Notes, s.Notes...)
		p.Units = append(p.Units, u)
	}
	f.Parts, f.docs = []Part{p}, []*Document{d}
	return nil
}

// documentMeta returns the metadata of d under the names XLIFF uses.
func documentMeta(d *Document) map[string]string {
	return nonEmpty(map[string]string{
		"schema": d.Schema, "source-path": d.Source.Path, "source-sha256": d.Source.SHA256,
		"source-title": d.Source.Title, "source-format": d.Source.Format, "source-encoding": d.Source.Encoding,
		"target-title": d.Target.Title, "backend": d.Backend.Name, "model": d.Backend.Model,
	})
}

// segmentMeta returns the metadata of s under the names XLIFF uses.
func segmentMeta(s *Segment) map[string]string {
	m := make(map[string]string, 8) // one allocation, what a segment's fields need
	set := func(k, v string) {
		if v != "" {
			m[k] = v
		}
	}
	set("kind", s.Kind)
	set("origin", s.Origin)
	set("mt", s.MT)
	set("machine", s.Machine)
	set("marker", s.Marker)
	set("unknown", strings.Join(s.Unknown, " "))
	if s.Line > 0 {
		m["line"] = strconv.Itoa(s.Line)
	}
	if s.Level > 0 {
		m["level"] = strconv.Itoa(s.Level)
	}
	return m
}

func nonEmpty(m map[string]string) map[string]string {
	for k, v := range m {
		if v == "" {
			delete(m, k)
		}
	}
	return m
}

// readXLIFF reads an XLIFF 1.2 or 2.x file.
func (f *File) readXLIFF(data []byte) error {
	x, err := xliff.Read(bytes.NewReader(data), f.Name)
	if err != nil {
		return err
	}
	f.Version, f.From, f.To = x.Version, x.SrcLang, x.TrgLang
	for i := range x.Files {
		fe := &x.Files[i]
		p := Part{ID: fe.ID, Original: fe.Original, Metadata: fe.Meta}
		for _, u := range fe.Units {
			kind := u.Meta["kind"]
			bu := Unit{
				ID: u.ID, Line: u.Line, Source: u.Source, Target: u.Target, HasTarget: u.HasTarget,
				Translate: u.Translate && kind != KindCode && kind != KindTable,
				Codes:     Codes{Known: true, Source: u.SourceCodes, Target: u.TargetCodes},
				Notes:     u.Notes, State: u.State, Metadata: u.Meta,
			}
			for i, n := range u.NoteInfo {
				if n.Category != "" {
					if bu.NoteFrom == nil {
						bu.NoteFrom = make([]string, len(u.NoteInfo))
					}
					bu.NoteFrom[i] = n.Category
				}
			}
			if len(u.Segments) > 1 {
				for _, sg := range u.Segments {
					bu.Sentences = append(bu.Sentences, Sentence{ID: sg.ID, Source: sg.Source, Target: sg.Target, State: sg.State})
				}
			}
			p.Units = append(p.Units, bu)
		}
		f.Parts = append(f.Parts, p)
		f.docs = append(f.docs, fromXLIFF(x, fe))
	}
	return nil
}

// readTMX reads a TMX file, choosing its pair as [Open] says.
func (f *File) readTMX(data []byte, opt Options) error {
	t, err := tmx.Read(bytes.NewReader(data), f.Name)
	if err != nil {
		return err
	}
	f.Version = t.Version
	f.From, f.To = tmxPair(t, opt.From, opt.To)
	var p Part
	for _, tu := range t.Units {
		sv, ok := variant(tu, f.From)
		if !ok {
			continue // nothing to compare or import without the source
		}
		tv, hasTarget := variant(tu, f.To)
		u := Unit{
			ID: tu.ID, Line: tu.Line, Source: sv.Text, Target: tv.Text, HasTarget: hasTarget, Translate: true,
			Codes: Codes{Known: true, Source: sv.Codes, Target: tv.Codes, ByKind: true},
			Notes: tu.Notes,
		}
		if u.ID == "" {
			u.ID = strconv.Itoa(tu.Pos)
		}
		for k, v := range tu.Props {
			if u.Metadata == nil {
				u.Metadata = map[string]string{}
			}
			u.Metadata[strings.TrimPrefix(k, "x-diglot-")] = v
		}
		if i := strings.LastIndexByte(tu.ID, '#'); i > 0 {
			if u.Metadata == nil {
				u.Metadata = map[string]string{}
			}
			u.Metadata["source-path"], u.Metadata["segment"] = tu.ID[:i], tu.ID[i+1:]
		}
		p.Units = append(p.Units, u)
	}
	f.Parts = []Part{p}
	f.docs = []*Document{fromTMX(f)}
	return nil
}

// tmxPair returns the source and target languages of d, as [Open] says.
// The header's source language is taken as it is declared: a file that
// says it translates English is not read as a French source because its
// units also hold French.
func tmxPair(d *tmx.Doc, from, to string) (string, string) {
	src := d.SrcLang
	if src == "" || src == "*all*" {
		src = ""
		for _, tu := range d.Units {
			for _, v := range tu.Variants {
				if src == "" || from != "" && primary(v.Lang) == primary(from) && primary(src) != primary(from) {
					src = v.Lang
				}
			}
		}
	}
	other := ""
	for _, tu := range d.Units {
		for _, v := range tu.Variants {
			switch p := primary(v.Lang); {
			case p == primary(src):
			case to != "" && p == primary(to):
				return src, v.Lang
			case other == "":
				other = v.Lang
			}
		}
	}
	return src, other
}

// variant returns the variant of tu in lang: the exact tag (ignoring case)
// if present, else the first with the same primary subtag.
func variant(tu tmx.TU, lang string) (tmx.TUV, bool) {
	if lang == "" {
		return tmx.TUV{}, false
	}
	for _, exact := range []bool{true, false} {
		for _, v := range tu.Variants {
			if exact && strings.EqualFold(v.Lang, lang) || !exact && primary(v.Lang) == primary(lang) {
				return v, true
			}
		}
	}
	return tmx.TUV{}, false
}

// primary returns the primary subtag of a language tag, in lower case.
func primary(tag string) string {
	p, _, _ := strings.Cut(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"), "-")
	return strings.ToLower(p)
}

// fromTMX makes a document of the units of a TMX file: one paragraph each.
func fromTMX(f *File) *Document {
	d := &Document{Schema: Schema, Source: Source{Lang: f.From}, Target: Target{Lang: f.To}}
	for _, u := range f.Parts[0].Units {
		d.Segments = append(d.Segments, Segment{
			ID: u.ID, Kind: KindParagraph, Source: u.Source, Target: u.Target, Origin: u.Metadata["origin"],
		})
	}
	return d
}
