package glossary

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/diglot/diglot/internal/testkit"
)

func loadSample(t *testing.T) *Glossary {
	t.Helper()
	g, err := Load(filepath.Join("testdata", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// stripPositions returns copies of the entries without File and Line, for
// comparing glossaries read from different files.
func stripPositions(es []*Entry) []Entry {
	var out []Entry
	for _, e := range es {
		c := *e
		c.File, c.Line = "", 0
		out = append(out, c)
	}
	return out
}

func TestWriteGolden(t *testing.T) {
	g := loadSample(t)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, g, format)
			if format == "tsv" || format == "tab" {
				// "#MeToo" cannot be written in TSV, where it would read back as a comment.
				if err == nil || !strings.Contains(err.Error(), "sample.yaml:29:") {
					t.Fatalf("err = %v, want a refusal located at the #MeToo entry", err)
				}
				g := &Glossary{Entries: g.Entries[:len(g.Entries)-1]}
				buf.Reset()
				err = Write(&buf, g, format)
			}
			if err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, filepath.Join("testdata", "golden", "sample."+format), buf.Bytes())
		})
	}
}

func TestWriteRoundTrip(t *testing.T) {
	g := loadSample(t)
	full := stripPositions(g.Entries)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			src := g
			if format == "tsv" || format == "tab" {
				src = &Glossary{Entries: g.Entries[:len(g.Entries)-1]}
			}
			var buf bytes.Buffer
			if err := Write(&buf, src, format); err != nil {
				t.Fatal(err)
			}
			back, err := Parse("back."+extOf(format), buf.Bytes())
			if err != nil {
				t.Fatalf("reading back: %v\n%s", err, buf.String())
			}
			got := stripPositions(back.Entries)
			want := make([]Entry, len(src.Entries))
			for i, e := range full[:len(src.Entries)] {
				want[i] = lossy(e, format)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round trip through %s:\n got %+v\nwant %+v", format, got, want)
			}
		})
	}
}

// lossy is what format can hold of e.
func lossy(e Entry, format string) Entry {
	switch format {
	case "tsv", "csv", "tab":
		e.Sources = append(e.Sources, e.Forms...)
		e.Forms, e.TargetForms, e.Forbidden, e.CaseSensitive, e.Stem, e.POS = nil, nil, nil, false, false, ""
	case "tbx", "tbx3":
		e.Sources = append(e.Sources, e.Forms...)
		e.Forms, e.CaseSensitive, e.Stem = nil, false, false
	}
	return e
}

// extOf is the file extension that reads back format.
func extOf(format string) string {
	if format == "tbx3" {
		return "tbx"
	}
	return format
}

func TestWriteUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, &Glossary{}, "docx"); err == nil {
		t.Error("no error for an unknown format")
	}
}

func TestLint(t *testing.T) {
	data := "entries:\n" +
		"  - source: \" Haut  Karabakh\"\n" + // 2: whitespace
		"    target: Nagorno-Karabakh\n" +
		"    variants: [\"\", Haut-Karabagh]\n" + // 2: empty variant
		"    forbidden: [Nagorno Karabakh]\n" + // 2: forbidden equal to the target
		"  - source: Pashinian\n" + // 6
		"    target: Pashinyan\n" +
		"  - source: Pashinian\n" + // 8: duplicate
		"    target: Pashinyan\n" +
		"  - source: Haut-Karabagh\n" + // 10: variant mapped to a second target
		"    target: Karabakh\n" +
		"  - source: Erevan\n" +
		"    target: Yerevan\n"
	g, err := Parse("lint.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range Lint(g) {
		got = append(got, f.String())
	}
	want := []string{
		`lint.yaml:2: whitespace: source "Haut Karabakh": leading or trailing whitespace, double space`,
		`lint.yaml:2: empty-term: empty variant`,
		`lint.yaml:2: forbidden-allowed: "Nagorno Karabakh" is both forbidden and allowed for "Haut Karabakh"`,
		`lint.yaml:8: duplicate: "Pashinian" -> "Pashinyan" already defined at lint.yaml:6`,
		`lint.yaml:10: variant-two-targets: "Haut-Karabagh" -> "Karabakh", but lint.yaml:2 maps it to "Nagorno-Karabakh" (the later one is used)`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Lint:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The later definition wins.
	ms := g.Matcher().Find("Haut-Karabagh")
	if len(ms) != 1 || ms[0].Entry.Target != "Karabakh" {
		t.Errorf("Find = %s", render(ms))
	}
}
