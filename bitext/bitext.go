package bitext

import "encoding/json"

// Schema identifies version 1 of the bitext JSON format. Fields may be added to
// version 1; none may change meaning without a new version.
const Schema = "diglot.bitext/v1"

// Segment kinds. A segment is one block of the source article.
const (
	KindTitle     = "title"     // the article title (Markdown front matter)
	KindParagraph = "paragraph" // a paragraph of running text
	KindHeading   = "heading"   // a Markdown heading; Level gives its depth
	KindListItem  = "list-item" // a list item; Marker gives its bullet or number
	KindQuote     = "quote"     // a block quote paragraph
	KindCode      = "code"      // a code block: never translated, Target == Source
	KindTable     = "table"     // a Markdown table: never translated, Target == Source
)

// Severity levels of an [Issue].
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
	SeverityInfo    = "info"
)

// Document is one article aligned with its translation.
type Document struct {
	Schema   string        `json:"schema"`
	Source   Source        `json:"source"`
	Target   Target        `json:"target"`
	Backend  Backend       `json:"backend"`
	Glossary []GlossaryRef `json:"glossary"`
	Removed  []Removed     `json:"removed"`
	Segments []Segment     `json:"segments"`
	// Extra holds the members of the document object that this version of
	// diglot does not know (a later writer may add fields to version 1), by
	// name, as compact JSON. [Read] keeps them and [Write] writes them back
	// after the known members.
	Extra map[string]json.RawMessage `json:"-"`
}

// Source describes the source article.
type Source struct {
	Path     string `json:"path"` // slash-separated, relative to the input root
	Lang     string `json:"lang"`
	SHA256   string `json:"sha256"` // of the file's bytes as read
	Title    string `json:"title,omitempty"`
	Format   string `json:"format,omitempty"`   // "txt" or "md"
	Encoding string `json:"encoding,omitempty"` // "utf-8" or "windows-1252"
}

// Target describes the translation.
type Target struct {
	Lang  string `json:"lang"`
	Title string `json:"title,omitempty"`
}

// Backend names the engine that produced the machine translation.
type Backend struct {
	Name  string `json:"name"`
	Model string `json:"model,omitempty"`
	// Settings are the backend options the run used, in a canonical form
	// (never credentials): a re-run with other settings translates again.
	Settings string `json:"settings,omitempty"`
}

// GlossaryRef identifies a glossary file applied to the run.
type GlossaryRef struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Removed is a source line dropped by junk cleaning, with the rule that dropped it.
type Removed struct {
	Line int    `json:"line"`
	Text string `json:"text"`
	Rule string `json:"rule"`
}

// Segment is one aligned unit: a paragraph, heading, list item, quote, or a block
// that passes through untranslated.
type Segment struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	Source string `json:"source"`
	Target string `json:"target"`
	// MT is the raw backend output, with protected terms restored, before term
	// verification and repair. Empty for segments that were not translated.
	MT string `json:"mt,omitempty"`
	// Machine is the final machine translation (after term repair) when Target is
	// an editor's approved post-edit (Origin "approved"), or holds some
	// sentences an editor approved in place of the machine's (Origin "tm");
	// the review page diffs the two.
	Machine string `json:"machine,omitempty"`
	// Line is the 1-based line of the segment's first line in the source file.
	Line int `json:"line,omitempty"`
	// Level is the heading level (1-6) or list nesting depth (0-based).
	Level int `json:"level,omitempty"`
	// Marker is the Markdown list marker ("-", "*", "1.") of a list item.
	Marker string `json:"marker,omitempty"`
	// Sentences are the source sentences, French-aware segmentation.
	Sentences []string `json:"sentences,omitempty"`
	// Unknown lists words the backend did not know (Apertium's * marks).
	Unknown []string `json:"unknown,omitempty"`
	// Origin says where the target came from: "mt" (a backend call), "tm" (the
	// translation memory), "approved" (an editor's approved translation) or "copy"
	// (a block never translated).
	Origin string `json:"origin,omitempty"`
	Terms  []Term `json:"terms,omitempty"`
	// Codes are the inline codes of Source: the Markdown inline markup
	// (bold, italic, code spans, links…) of a Markdown article, which
	// Source keeps as written; TargetCodes are those of Target. Offsets
	// are bytes into the text. Writers of formats with inline codes (XLIFF,
	// TMX, the page) use them where [CodesFit] says they still describe the
	// text; otherwise they write the text as it is.
	Codes       []Code  `json:"codes,omitempty"`
	TargetCodes []Code  `json:"target_codes,omitempty"`
	Issues      []Issue `json:"issues,omitempty"`

	// State is, for a target that is an editor's approved translation
	// (Origin "approved"), the state the editor gave it in the memory:
	// "translated", "reviewed" or "final"; writers of formats with states
	// (XLIFF) write it.
	State string `json:"state,omitempty"`
	// Notes are the notes kept with an approved translation (an editor's,
	// from a CAT tool); a note containing "diglot-ignore" silences the
	// findings it names on the segment, as in diglot check.
	Notes []string `json:"notes,omitempty"`

	// PostEdit records who approved the target and when, when an editor did
	// in diglot review; Target holds the same text.
	PostEdit *PostEdit `json:"post_edit,omitempty"`
	// Extra holds the members of the segment object this version does not
	// know, as [Document.Extra] does for the document.
	Extra map[string]json.RawMessage `json:"-"`
}

// Term records a glossary entry applied to a segment.
type Term struct {
	Source string `json:"source"` // the form as written in the source
	Target string `json:"target"` // the target term required
	Entry  string `json:"entry"`  // the entry id (canonical source form)
	Start  int    `json:"start"`  // byte offsets of Source in Segment.Source
	End    int    `json:"end"`
	// Variant is true when Source is a non-canonical spelling of the entry.
	Variant bool `json:"variant,omitempty"`
}

// Issue is a problem found on a segment, with a QA rule id such as term-missing.
type Issue struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Term     string `json:"term,omitempty"`
}

// Problems counts the segment issues of severity error or warning.
func (d *Document) Problems() int {
	n := 0
	for _, s := range d.Segments {
		for _, is := range s.Issues {
			if is.Severity == SeverityError || is.Severity == SeverityWarning {
				n++
			}
		}
	}
	return n
}
