package tmx

import (
	"os"
	"strings"
	"time"

	"github.com/diglot/diglot/internal/xmlenc"
)

// ParseError is the error type of [Read]: a problem at a line of a named file.
type ParseError = xmlenc.Error

// Doc is a TMX document.
type Doc struct {
	Version      string // the tmx/@version, "1.4" when written by [Write]
	SrcLang      string // header/@srclang ("*all*" allowed by TMX)
	AdminLang    string
	CreationTool string
	Units        []TU
}

// TU is a translation unit.
type TU struct {
	ID       string // tuid, "" when absent
	Pos      int    // 1-based position in the body
	Line     int    // 1-based line of the <tu> start tag
	Props    map[string]string
	Notes    []string
	Variants []TUV
	// CreationDate and ChangeDate are the tu's creationdate and changedate
	// (zero when absent); CreationID and ChangeID its creationid and
	// changeid. [Read] takes them from the tu or, as OmegaT writes them,
	// from a tuv.
	CreationDate, ChangeDate time.Time
	CreationID, ChangeID     string
}

// DateFormat is the TMX date format (UTC): 20060102T150405Z.
const DateFormat = "20060102T150405Z"

// TUV is one language variant of a unit.
type TUV struct {
	Lang string
	// Text is the plain text of <seg>: native code in bpt, ept, ph, it and
	// ut is left out, hi text kept, except the Markdown markup of codes
	// whose type starts with "x-md-" (as [Write] writes them), which is kept
	// in the text where it was.
	Text string
	// Codes names the inline codes in order: "bpt:1", "ept:1" (by i), "ph:3",
	// "it:2", "hi:4" (by x, or the bare element name without one).
	Codes []string
	// Markup, for [Write], are the inline codes of Text (Markdown markup):
	// written as <bpt>/<ept> around the text a paired one wraps and <ph>
	// for a standalone one, with type "x-md-" + Kind and the markup as
	// native code. Ignored when they do not fit Text.
	Markup []Code
}

// Code is a piece of inline markup of a variant's text: Text[Start:End],
// with Open and Close the markup around the text it wraps (only Open, all
// of it, for a standalone code). ID pairs codes across variants.
type Code struct {
	ID         int
	Kind       string
	Start, End int
	Open       string
	Close      string
}

// Text returns the text of the variant in lang: the exact tag (ignoring case)
// if present, else the first variant with the same primary subtag ("fr"
// matches "fr-FR" and "fr-FR" matches "fr").
func (tu TU) Text(lang string) (string, bool) {
	for _, v := range tu.Variants {
		if strings.EqualFold(v.Lang, lang) {
			return v.Text, true
		}
	}
	primary := func(l string) string {
		p, _, _ := strings.Cut(strings.ReplaceAll(l, "_", "-"), "-")
		return strings.ToLower(p)
	}
	for _, v := range tu.Variants {
		if primary(v.Lang) == primary(lang) {
			return v.Text, true
		}
	}
	return "", false
}

// ReadFile reads the TMX file at path.
func ReadFile(path string) (*Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, path)
}
