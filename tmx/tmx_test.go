package tmx

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/diglot/diglot/internal/testkit"
)

func TestReadOkapi(t *testing.T) {
	dir := testkit.Corpus(t, "tmx", "okapi")
	files, _ := filepath.Glob(filepath.Join(dir, "*.tmx"))
	if len(files) == 0 {
		t.Fatalf("no TMX files in %s", dir)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			d, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Units) == 0 {
				t.Error("no units read")
			}
			for _, tu := range d.Units {
				if tu.Line == 0 || len(tu.Variants) == 0 {
					t.Errorf("unit %d (%q): line %d, %d variants", tu.Pos, tu.ID, tu.Line, len(tu.Variants))
				}
			}
		})
	}
}

// TestReadUTF16CRLF checks a LISA compliance file that is UTF-16LE with CRLF:
// text, codes and lines come out as in the file.
func TestReadUTF16CRLF(t *testing.T) {
	d, err := ReadFile(filepath.Join(testkit.Corpus(t, "tmx", "okapi"), "ImportTest2A.tmx"))
	if err != nil {
		t.Fatal(err)
	}
	tu := d.Units[0]
	en, ok := tu.Text("en")
	if !ok || en != "The big black cat sleeps." || tu.ID != "1" || tu.Line != 7 {
		t.Errorf("got %q (%v) tuid %q line %d", en, ok, tu.ID, tu.Line)
	}
	if want := []string{"bpt:1", "ept:1", "bpt:2", "ept:2"}; !reflect.DeepEqual(tu.Variants[0].Codes, want) {
		t.Errorf("codes %q, want %q", tu.Variants[0].Codes, want)
	}
	if d.SrcLang != "en-us" || d.CreationTool != "XYZTool" {
		t.Errorf("header %+v", d)
	}
}

func TestRead(t *testing.T) {
	doc := `<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header srclang="en" adminlang="en" creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence" o-tmf="t"/>
<body>
<tu tuid="a"><prop type="x-domain">news</prop><note>n1</note>
<tuv xml:lang="en"><seg>Click <ph x="1">&lt;img src="a.png"/&gt;</ph> to <hi x="2">start</hi> &amp; go.</seg></tuv>
<tuv lang="fr-FR"><seg><it pos="begin" x="3">&lt;i&gt;</it>Cliquez<ut>{b}</ut></seg></tuv></tu>
<tu>
<tuv xml:lang="de"><seg/></tuv></tu>
</body></tmx>`
	d, err := Read(strings.NewReader(doc), "t.tmx")
	if err != nil {
		t.Fatal(err)
	}
	want := []TU{
		{ID: "a", Pos: 1, Line: 5, Props: map[string]string{"x-domain": "news"}, Notes: []string{"n1"}, Variants: []TUV{
			{Lang: "en", Text: "Click  to start & go.", Codes: []string{"ph:1", "hi:2"}},
			{Lang: "fr-FR", Text: "Cliquez", Codes: []string{"it:3", "ut"}},
		}},
		{Pos: 2, Line: 8, Variants: []TUV{{Lang: "de"}}},
	}
	if !reflect.DeepEqual(d.Units, want) {
		t.Errorf("got  %+v\nwant %+v", d.Units, want)
	}
}

func TestTextLanguageMatch(t *testing.T) {
	tu := TU{Variants: []TUV{{Lang: "en-US", Text: "us"}, {Lang: "fr-FR", Text: "fr"}, {Lang: "fr-CA", Text: "ca"}, {Lang: "pt", Text: "pt"}}}
	tests := []struct {
		lang, want string
		ok         bool
	}{
		{"fr-CA", "ca", true},
		{"FR-ca", "ca", true},
		{"fr", "fr", true},
		{"en_GB", "us", true},
		{"pt-BR", "pt", true},
		{"de", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			got, ok := tu.Text(tt.lang)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Text(%q) = %q, %v; want %q, %v", tt.lang, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"empty", "", "t.tmx:1: unexpected end of file"},
		{"root", "<xliff/>", "t.tmx:1: root element is <xliff>"},
		{"no body", "<tmx version=\"1.4\">\n<header/></tmx>", "t.tmx:1: <tmx> has no <body>"},
		{"no lang", "<tmx><body>\n<tu>\n<tuv><seg>x</seg></tuv></tu></body></tmx>", "t.tmx:3: <tuv> has no xml:lang"},
		{"no seg", "<tmx><body>\n<tu><tuv xml:lang=\"en\"></tuv></tu></body></tmx>", "t.tmx:2: <tuv xml:lang=\"en\"> has no <seg>"},
		{"two segs", "<tmx><body><tu><tuv xml:lang=\"en\"><seg/>\n<seg/></tuv></tu></body></tmx>", "t.tmx:2: second <seg>"},
		{"bad xml", "<tmx><body>\n<tu></tuv></body></tmx>", "t.tmx:2: not well-formed XML"},
		{"external entity", "<!DOCTYPE tmx [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<tmx><body><tu><tuv xml:lang=\"en\"><seg>&e;</seg></tuv></tu></body></tmx>", "t.tmx:2: not well-formed XML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.doc), "t.tmx")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestReadUTF16BE(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<tmx version=\"1.4\"><body>\r\n<tu><tuv xml:lang=\"fr\"><seg>Été</seg></tuv></tu></body></tmx>"
	var buf bytes.Buffer
	buf.Write([]byte{0xFE, 0xFF})
	for _, c := range utf16.Encode([]rune(doc)) {
		buf.Write([]byte{byte(c >> 8), byte(c)})
	}
	d, err := Read(&buf, "t.tmx")
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := d.Units[0].Text("fr"); s != "Été" || d.Units[0].Line != 3 {
		t.Errorf("got %q line %d", s, d.Units[0].Line)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(`<tmx version="1.4"><header srclang="en"/><body><tu tuid="1"><prop type="a">b</prop><tuv xml:lang="en"><seg>a<bpt i="1">&lt;b></bpt>b<ept i="1"/></seg></tuv></tu></body></tmx>`))
	f.Add([]byte{0xFF, 0xFE, '<', 0, 't', 0, 'm', 0, 'x', 0, '/', 0, '>', 0})
	if golden, err := os.ReadFile(filepath.Join("..", "output", "testdata", "sample.tmx")); err == nil {
		f.Add(golden)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read(bytes.NewReader(data), "fuzz.tmx")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		for i, tu := range d.Units {
			if tu.Pos != i+1 {
				t.Fatalf("unit %d has position %d", i+1, tu.Pos)
			}
			for _, v := range tu.Variants {
				if v.Lang == "" {
					t.Fatal("variant without language accepted")
				}
			}
		}
	})
}

// TestReadDeepNesting checks that deeply nested <hi> is refused on one line.
func TestReadDeepNesting(t *testing.T) {
	const n = 1_000_000
	doc := "<tmx><body><tu><tuv xml:lang=\"en\"><seg>\n" + strings.Repeat("<hi>", n) + strings.Repeat("</hi>", n) + "</seg></tuv></tu></body></tmx>"
	_, err := Read(strings.NewReader(doc), "deep.tmx")
	var pe *ParseError
	if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "deep.tmx:2: <hi> too deeply nested") {
		t.Fatalf("got %v, want a one-line *ParseError at line 2", err)
	}
}

// TestDates checks that dates and ids round-trip, and that OmegaT's, on the
// target variant, are read as the unit's.
func TestDates(t *testing.T) {
	when := time.Date(2026, 12, 2, 10, 15, 0, 0, time.UTC)
	var buf bytes.Buffer
	err := Write(&buf, &Doc{SrcLang: "fr", Units: []TU{{ID: "a", CreationDate: when, ChangeDate: when.Add(time.Hour), CreationID: "diglot-mt",
		Variants: []TUV{{Lang: "fr", Text: "a"}, {Lang: "en", Text: "b"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(&buf, "dates.tmx")
	if err != nil {
		t.Fatal(err)
	}
	if tu := d.Units[0]; !tu.CreationDate.Equal(when) || !tu.ChangeDate.Equal(when.Add(time.Hour)) || tu.CreationID != "diglot-mt" {
		t.Errorf("read %+v", tu)
	}
	omegat := `<tmx version="1.1"><header srclang="fr"/><body><tu><tuv lang="fr"><seg>a</seg></tuv>
<tuv lang="en" changeid="ed" changedate="20261202T101500Z" creationid="ed" creationdate="20261201T090000Z"><seg>b</seg></tuv></tu></body></tmx>`
	d, err = Read(strings.NewReader(omegat), "omegat.tmx")
	if err != nil {
		t.Fatal(err)
	}
	if tu := d.Units[0]; tu.ChangeID != "ed" || !tu.ChangeDate.Equal(when) || tu.CreationDate.Day() != 1 {
		t.Errorf("read %+v", tu)
	}
}
