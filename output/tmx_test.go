package output

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/internal/testkit"
	"github.com/diglot/diglot/tmx"
)

// tmxSamples are two translated articles with a code block, an untranslated
// paragraph and characters that need escaping.
func tmxSamples() []*bitext.Document {
	return []*bitext.Document{
		{
			Schema: bitext.Schema, Source: bitext.Source{Path: "a/karabakh.txt", Lang: "fr"}, Target: bitext.Target{Lang: "en"},
			Backend: bitext.Backend{Name: "apertium"},
			Segments: []bitext.Segment{
				{ID: "p1", Kind: bitext.KindParagraph, Source: "Le Haut-Karabakh\u00a0: 6\u00a0500 «\u00a0réfugiés\u00a0» & <plus>.", Target: "Nagorno-Karabakh: 6,500 \"refugees\" & <more>.", Origin: "mt"},
				{ID: "p2", Kind: bitext.KindParagraph, Source: "Non traduit."},
				{ID: "c1", Kind: bitext.KindCode, Source: "x := 1", Target: "x := 1", Origin: "copy"},
				{ID: "p3", Kind: bitext.KindHeading, Source: "Titre\r\nsur deux lignes\x01", Target: "Title\r\non two lines\x01", Origin: "approved"},
			},
		},
		{
			Schema: bitext.Schema, Source: bitext.Source{Path: "b/c.md", Lang: "fr"}, Target: bitext.Target{Lang: "en"},
			Segments: []bitext.Segment{{ID: "p1", Kind: bitext.KindParagraph, Source: "Bonjour.", Target: "Hello.", Origin: "tm"}},
		},
	}
}

func TestTMXDoc(t *testing.T) {
	d := TMXDoc(tmxSamples()...)
	var ids []string
	for _, tu := range d.Units {
		ids = append(ids, tu.ID)
	}
	if want := []string{"a/karabakh.txt#p1", "a/karabakh.txt#p3", "b/c.md#p1"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("tuids %q, want %q", ids, want)
	}
	if p := d.Units[0].Props; p[tmx.PropOrigin] != "mt" || p[tmx.PropBackend] != "apertium" {
		t.Errorf("props %v", p)
	}
	if _, ok := d.Units[2].Props[tmx.PropBackend]; ok {
		t.Errorf("backend prop set for a document without backend")
	}
	if d.SrcLang != "fr" || d.Units[2].Pos != 3 {
		t.Errorf("srclang %q, pos %d", d.SrcLang, d.Units[2].Pos)
	}
}

func writeTMX(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := tmx.Write(&buf, TMXDoc(tmxSamples()...)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteTMXGolden(t *testing.T) {
	testkit.Golden(t, filepath.Join("testdata", "sample.tmx"), writeTMX(t))
}

func TestWriteTMXValidates(t *testing.T) {
	dtd := filepath.Join(testkit.Corpus(t, "schemas"), "tmx14.dtd")
	testkit.NeedXMLLint(t)
	out := filepath.Join(t.TempDir(), "sample.tmx")
	if err := os.WriteFile(out, writeTMX(t), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := testkit.ValidateDTD(t, dtd, out); err != nil {
		t.Fatalf("xmllint rejects the written TMX: %v", err)
	}
}

func TestTMXRoundTrip(t *testing.T) {
	want := TMXDoc(tmxSamples()...)
	got, err := tmx.Read(bytes.NewReader(writeTMX(t)), "sample.tmx")
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != "1.4" || got.SrcLang != "fr" || got.CreationTool != "diglot" || len(got.Units) != len(want.Units) {
		t.Fatalf("header %+v, %d units", got, len(got.Units))
	}
	for i, w := range want.Units {
		g := got.Units[i]
		g.Line = 0
		for j := range w.Variants {
			w.Variants[j].Text = strings.ReplaceAll(w.Variants[j].Text, "\x01", "\uFFFD")
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("unit %d:\ngot  %+v\nwant %+v", i+1, g, w)
		}
	}
}
