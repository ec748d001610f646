package tmtest

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/tmx"
)

// The import cases: what tm.Memory.Import takes from edited XLIFF and TMX
// files, and what it refuses.

func (s *suite) importEditedXLIFF(t *testing.T) {
	orig := translated()
	m := s.seeded(t, orig)
	path := writeXLIFF(t, translated(), func(d *bitext.Document) {
		d.Segments[1].Target = "Pashinyan spoke on Tuesday evening."
		d.Segments[3].Target = "  The government responded. " // white space around is dropped
		d.Segments[4].Target = "End  of the\narticle."        // white space only: no edit
	})
	rep, err := m.Import(ctx, path, tm.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := tm.ImportReport{Path: path, Format: "xliff 2.1", Taken: 2, Unchanged: 3}
	if !reflect.DeepEqual(rep, want) {
		t.Errorf("report %+v, want %+v", rep, want)
	}
	got := approvedSources(t, m, orig)
	wantHits := map[string]tm.Hit{
		"p2": {Target: "Pashinyan spoke on Tuesday evening.", MT: orig.Segments[1].MT, Approved: true, Machine: orig.Segments[1].Target, State: tm.StateTranslated},
		"p4": {Target: "The government responded.", MT: orig.Segments[3].MT, Approved: true, Machine: orig.Segments[3].Target, State: tm.StateTranslated},
	}
	if !reflect.DeepEqual(got, wantHits) {
		t.Errorf("approved after import\n%+v\nwant\n%+v", got, wantHits)
	}
	// The same file again changes nothing.
	rep, err = m.Import(ctx, path, tm.ImportOptions{From: "fr", To: "en"})
	if err != nil || rep.Taken != 0 || rep.Unchanged != 5 {
		t.Errorf("second import: %+v, %v", rep, err)
	}
	// An older export, with the machine translation where an approved one
	// now is, does not undo the approval; marked reviewed, it does.
	stale := writeXLIFF(t, translated(), nil)
	if rep, err = m.Import(ctx, stale, tm.ImportOptions{}); err != nil || rep.Taken != 0 || rep.Unchanged != 5 {
		t.Errorf("stale import: %+v, %v", rep, err)
	}
	if got := approvedSources(t, m, orig); len(got) != 2 {
		t.Errorf("stale import changed approvals: %+v", got)
	}
	reviewed := writeFile(t, "reviewed.xlf", strings.Replace(readFile(t, stale), `<segment id="s1" state="translated">
    <source>Pachinian`, `<segment id="s1" state="reviewed">
    <source>Pachinian`, 1))
	if rep, err = m.Import(ctx, reviewed, tm.ImportOptions{}); err != nil || rep.Taken != 1 {
		t.Errorf("reviewed import: %+v, %v", rep, err)
	}
	if h := approvedSources(t, m, orig)["p2"]; h.Target != orig.Segments[1].Target {
		t.Errorf("reviewed machine translation not approved: %+v", h)
	}
}

const (
	// foreign2 is an XLIFF 2.0 file from a CAT tool, without diglot metadata.
	foreign2 = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr-FR" trgLang="en-GB">
 <file id="f1" original="karabakh.docx">
  <unit id="u1"><segment state="translated"><source>Pachinian a parlé mardi.</source><target>Pashinyan spoke on Tuesday night.</target></segment></unit>
  <unit id="u2"><segment state="final"><source>Le gouvernement a réagi.</source><target>The government reacted.</target></segment></unit>
  <unit id="u3"><segment><source>Une phrase inconnue.</source><target>An unknown sentence.</target></segment></unit>
  <unit id="u4"><segment><source>Fin de l'article.</source></segment></unit>
 </file>
</xliff>`
	// foreign12 is an XLIFF 1.2 file.
	foreign12 = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="karabakh.txt" source-language="fr" target-language="en" datatype="plaintext">
  <body>
   <trans-unit id="1"><source>Le Haut-Karabakh a été évacué.</source><target>Nagorno-Karabakh has been evacuated.</target></trans-unit>
   <trans-unit id="2"><source>Fin de l'article.</source><target state="signed-off">End of the article.</target></trans-unit>
   <trans-unit id="3"><source>Le gouvernement a réagi.</source><target state="translated">The government reacted.</target></trans-unit>
  </body>
 </file>
</xliff>`
)

func (s *suite) importForeignXLIFF(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                tm.ImportReport
	}{
		{"xliff 2.0 from a CAT tool", "cat.xlf", foreign2, tm.ImportReport{
			Format: "xliff 2.0", Taken: 2, Skipped: 1,
			Refused: []tm.Refusal{{Unit: "u3", Source: "Une phrase inconnue.", Reason: tm.ReasonNotHeld}},
		}},
		{"xliff 1.2", "cat12.xliff", foreign12, tm.ImportReport{Format: "xliff 1.2", Taken: 2, Unchanged: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := s.seeded(t, translated())
			path := writeFile(t, tt.file, tt.content)
			rep, err := m.Import(ctx, path, tm.ImportOptions{From: "fr", To: "en"})
			if err != nil {
				t.Fatal(err)
			}
			tt.want.Path = path
			if !reflect.DeepEqual(rep, tt.want) {
				t.Errorf("report\n%+v\nwant\n%+v", rep, tt.want)
			}
			if st, _ := m.Stats(ctx); st.Approved != tt.want.Taken {
				t.Errorf("%d approved entries, want %d", st.Approved, tt.want.Taken)
			}
		})
	}
}

func (s *suite) importTMX(t *testing.T) {
	orig := translated()
	m := s.seeded(t, orig)
	var buf bytes.Buffer
	if err := m.Export(ctx, &buf, tm.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	d, err := tmx.Read(&buf, "export.tmx")
	if err != nil {
		t.Fatal(err)
	}
	d.Units[2].Variants[1].Text = "Some 6,500 people have left."
	buf.Reset()
	if err := tmx.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "edited.tmx", buf.String())
	rep, err := m.Import(ctx, path, tm.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Format != "tmx 1.4" || rep.Taken != 1 || rep.Unchanged != 4 || len(rep.Refused) != 0 {
		t.Errorf("report %+v", rep)
	}
	h := approvedSources(t, m, orig)["p3"]
	if h.Target != "Some 6,500 people have left." {
		t.Errorf("p3 after import: %+v", h)
	}
	// The memory's own export, approved entries included, imports as unchanged.
	buf.Reset()
	if err := m.Export(ctx, &buf, tm.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	path = writeFile(t, "tm.xml", buf.String()) // found by content, not name
	// Five: the machine translation the approved one replaced is not exported.
	if rep, err := m.Import(ctx, path, tm.ImportOptions{}); err != nil || rep.Taken != 0 || rep.Unchanged != 5 {
		t.Errorf("re-import of an export: %+v, %v", rep, err)
	}
}

// tmxFile returns a test file maker of a TMX file with one unit.
func tmxFile(name, srclang, lang1, text1, lang2, text2 string) func(t *testing.T) string {
	return func(t *testing.T) string {
		return writeFile(t, name, `<?xml version="1.0"?>
<tmx version="1.4"><header srclang="`+srclang+`" creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="t"/><body>
<tu><tuv xml:lang="`+lang1+`"><seg>`+text1+`</seg></tuv><tuv xml:lang="`+lang2+`"><seg>`+text2+`</seg></tuv></tu>
</body></tmx>`)
	}
}

func (s *suite) importRefusals(t *testing.T) {
	tests := []struct {
		name   string
		file   func(t *testing.T) string
		opt    tm.ImportOptions
		reason string // in the refusal
	}{
		{"xliff into another language", func(t *testing.T) string {
			return writeXLIFF(t, translated(), func(d *bitext.Document) { d.Target.Lang = "de" })
		}, tm.ImportOptions{}, "fr into de, not fr into en"},
		{"xliff from another language", func(t *testing.T) string {
			return writeXLIFF(t, translated(), nil)
		}, tm.ImportOptions{From: "es", To: "en"}, "fr into en, not es into en"},
		{"xliff for another article", func(t *testing.T) string {
			return writeXLIFF(t, translated(), func(d *bitext.Document) { d.Source.Path = "b/other.txt" })
		}, tm.ImportOptions{}, "for article b/other.txt, but the memory holds its segments from a/karabakh.txt"},
		{"xliff for another version of the article", func(t *testing.T) string {
			return writeXLIFF(t, translated(), func(d *bitext.Document) { d.Source.SHA256 = "0ther" })
		}, tm.ImportOptions{}, "version of a/karabakh.txt (sha256 0ther)"},
		{"xliff the memory never translated", func(t *testing.T) string {
			return writeXLIFF(t, translated(), func(d *bitext.Document) {
				for i := range d.Segments {
					d.Segments[i].Source += " Autre."
				}
			})
		}, tm.ImportOptions{}, "none of its 5 segments of a/karabakh.txt is in the translation memory for fr-en"},
		{"foreign xliff the memory never translated", func(t *testing.T) string {
			return writeFile(t, "foreign.xlf", strings.ReplaceAll(foreign2, "</source>", " Autre.</source>"))
		}, tm.ImportOptions{}, "none of its 4 segments is in the translation memory"},
		{"xliff 1.2 into another language", func(t *testing.T) string {
			return writeFile(t, "f.xlf", strings.Replace(foreign12, `target-language="en"`, `target-language="de-DE"`, 1))
		}, tm.ImportOptions{}, "fr into de-DE"},
		{"tmx into another language", tmxFile("de.tmx", "fr", "fr", "Le gouvernement a réagi.", "de", "Die Regierung reagierte."), tm.ImportOptions{}, "fr into de, not fr into en"},
		{"tmx from another language", tmxFile("en.tmx", "en-US", "en-US", "Hello.", "fr-FR", "Bonjour."), tm.ImportOptions{}, "en-US into fr-FR, not fr into en"},
		{"tmx of all languages without the pair", tmxFile("all.tmx", "*all*", "en", "Hello.", "de", "Hallo."), tm.ImportOptions{}, "en into de, not fr into en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := s.seeded(t, translated())
			path := tt.file(t)
			_, err := m.Import(ctx, path, tt.opt)
			var re *tm.RefusedError
			if !errors.As(err, &re) {
				t.Fatalf("error %v, want a refusal", err)
			}
			if re.Path != path || !strings.Contains(re.Reason, tt.reason) || !strings.Contains(err.Error(), path) {
				t.Errorf("refusal %q, want it to name the file and say %q", err, tt.reason)
			}
			if st, _ := m.Stats(ctx); st.Approved != 0 {
				t.Errorf("%d entries approved by a refused file", st.Approved)
			}
		})
	}
}

func (s *suite) importErrors(t *testing.T) {
	m := s.seeded(t, translated())
	tests := []struct{ name, file, content, want string }{
		{"missing file", "", "", "no such file"},
		{"broken xliff", "bad.xlf", `<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="fr"><file id="f1"><unit>`, "bad.xlf:1"},
		{"broken tmx", "bad.tmx", "<tmx version=\"1.4\">\n<body><tu>", "bad.tmx:"},
		{"neither", "notes.txt", "just text", "notes.txt"},
		{"bitext json", "a.fr-en.json", `{"schema": "diglot.bitext/v1", "segments": []}`, "a.fr-en.json: a bitext JSON record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "absent.xlf")
			if tt.file != "" {
				path = writeFile(t, tt.file, tt.content)
			}
			_, err := m.Import(ctx, path, tm.ImportOptions{})
			var re *tm.RefusedError
			if err == nil || errors.As(err, &re) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// A pseudo-translated TMX (targets = sources), as OmegaT writes one, approves
// nothing: every unit with letters is refused as a copy, with its source;
// --allow-copies takes them. A unit without letters is not a copy.
func (s *suite) importRefusesCopies(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6" segtype="sentence" srclang="fr"/><body>
`)
	for _, sg := range translated().Segments {
		fmt.Fprintf(&b, "<tu><tuv lang=\"fr\"><seg>%s</seg></tuv><tuv lang=\"en\"><seg>%s</seg></tuv></tu>\n", sg.Source, sg.Source)
	}
	b.WriteString("</body></tmx>\n")
	path := writeFile(t, "pseudo.tmx", b.String())
	m := s.seeded(t, translated())
	rep, err := m.Import(ctx, path, tm.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Taken != 0 || len(rep.Refused) != len(translated().Segments) {
		t.Fatalf("pseudo-translation: taken %d, refused %+v", rep.Taken, rep.Refused)
	}
	r := rep.Refused[0]
	if r.Unit != "1" || r.Source != "Le Haut-Karabakh a été évacué." || r.Reason != tm.ReasonCopy {
		t.Errorf("refusal %+v", r)
	}
	if n := len(approvedSources(t, m, translated())); n != 0 {
		t.Errorf("%d approved after a refused copy", n)
	}
	rep, err = m.Import(ctx, path, tm.ImportOptions{AllowCopies: true})
	if err != nil || rep.Taken != 5 {
		t.Errorf("--allow-copies: %+v, %v", rep, err)
	}
}
