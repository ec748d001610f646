package xliff

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/diglot/diglot/internal/testkit"
)

func TestReadConformanceValid(t *testing.T) {
	for _, suite := range []string{"oasis-xliff21-test-suite", "oasis-xliff22-test-suite"} {
		dir := testkit.Corpus(t, "xliff", suite, "core", "valid")
		files, _ := filepath.Glob(filepath.Join(dir, "*.xlf"))
		if len(files) == 0 {
			t.Fatalf("no files in %s", dir)
		}
		for _, path := range files {
			t.Run(suite+"/"+filepath.Base(path), func(t *testing.T) {
				if _, err := ReadFile(path); err != nil {
					t.Errorf("valid file refused: %v", err)
				}
			})
		}
	}
}

// TestReadConformanceInvalid reads the invalid documents of the OASIS XLIFF 2.1
// suite. The reader refuses what breaks well-formedness, the structure of the
// core (missing or duplicate ids, missing file, unit content or segment
// source, elements out of place, targets without trgLang, unpaired sc/ec and
// sm/em, bad target order), the attribute lists and enumerations of the core
// schema, NMTOKEN ids, language tags, xml:lang inherited by sources and
// targets, <cp> values and dataRef references.
//
// It does NOT detect the constraints that need the processing requirements of
// the specification or of modules rather than structure: copyOf references,
// canCopy/canDelete/canOverlap/canReorder consistency between sc and ec and
// the reordering rules, fragment identifier syntax and targets (comment
// annotations, note references, subFlows), duplicate ids of extension
// elements, xml:space differences, non-removable codes missing from targets,
// and the Format Style and Validation module rules.
func TestReadConformanceInvalid(t *testing.T) {
	dir := testkit.Corpus(t, "xliff", "oasis-xliff21-test-suite", "core", "invalid")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xlf"))
	if len(files) == 0 {
		t.Fatalf("no files in %s", dir)
	}
	var refused, accepted []string
	for _, path := range files {
		_, err := ReadFile(path)
		name := filepath.Base(path)
		if err == nil {
			accepted = append(accepted, name)
			continue
		}
		refused = append(refused, name)
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line == 0 || !strings.HasPrefix(err.Error(), path+":") {
			t.Errorf("%s: error %q does not name file:line", name, err)
		}
	}
	t.Logf("refused %d of %d invalid files; accepted: %s", len(refused), len(files), strings.Join(accepted, " "))
	// The structural invalidities must all be refused.
	for _, name := range []string{
		"bad_NoFile.xlf", "bad_NoUnitOrGroupInFile.xlf", "bad_UnitWithoutSegment.xlf",
		"bad_SegmentWithoutSource.xlf", "bad_TwoSourceInUnit.xlf", "bad_FileIdNotUnique.xlf",
		"bad_GroupIdNotUnique.xlf", "bad_GroupWithoutId.xlf", "bad_SegmentIdNotUnique.xlf",
		"bad_PartIdNotUnique.xlf", "bad_DataIdNotUnique.xlf", "bad_NoTrgLang.xlf",
		"bad_NotesWithoutNote.xlf", "bad_OriginalDataWithoutData.xlf", "bad_IgnorableWithoutSource.xlf",
		"bad_InvalidStateValue.xlf", "bad_SubStateWithoutState.xlf", "bad_EcBeforeSc.xlf",
		"bad_InvalidLoneSm.xlf", "bad_InvalidLoneEm.xlf", "bad_OrderNotUnique1.xlf", "bad_OrderNotUnique2.xlf",
		"bad_InvalidHexValueOnCp.xlf", "bad_InvalidHexRangeOnCp.xlf", "bad_InvalidDataRef.xlf",
		"bad_WrongSourceLang.xlf", "bad_WrongTargetLang.xlf", "bad_SrcLangNotWellFormed.xlf",
	} {
		if !contains(refused, name) {
			t.Errorf("%s accepted, want refused", name)
		}
	}
	if share := float64(len(refused)) / float64(len(files)); share < 0.6 {
		t.Errorf("refused %.0f%% of the invalid files, want at least 60%%", 100*share)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestReadOkapi12(t *testing.T) {
	dir := testkit.Corpus(t, "xliff", "okapi")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xlf"))
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			units := 0
			for _, fe := range f.Files {
				units += len(fe.Units)
			}
			if units == 0 {
				t.Errorf("no units read")
			}
		})
	}
}

const head2 = `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="fr">
<file id="f1">
`

func TestReadUnits(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want Unit
	}{
		{
			name: "codes and annotations",
			doc: head2 + `<unit id="u1">
<originalData><data id="d1">&lt;br/></data></originalData>
<segment id="s1" state="reviewed"><source>A <pc id="1">bold <mrk id="m1" type="term">term</mrk></pc><ph id="2" dataRef="d1"/> and <sc id="3"/>x<ec startRef="3"/><cp hex="0007"/>.</source>
<target>Un <pc id="1">terme <mrk id="m1" type="term">gras</mrk></pc><ph id="2"/> et <sc id="3"/>x<ec startRef="3"/>.</target></segment>
</unit></file></xliff>`,
			want: Unit{
				ID: "u1", Line: 4, Source: "A bold term and x\a.", Target: "Un terme gras et x.", HasTarget: true, State: "reviewed", Translate: true,
				SourceCodes: []string{"pc:1", "ph:2", "sc:3", "ec:3"}, TargetCodes: []string{"pc:1", "ph:2", "sc:3", "ec:3"},
				Segments: []Seg{{ID: "s1", Source: "A bold term and x\a.", Target: "Un terme gras et x.", State: "reviewed"}},
			},
		},
		{
			name: "segments, ignorables, order and inherited translate",
			doc: head2 + `<group id="g" translate="no"><unit id="u2">
<notes><note category="c" priority="2">hello &amp; bye</note></notes>
<segment id="a" state="final"><source>One.</source><target order="3">Un.</target></segment>
<ignorable><source> </source></ignorable>
<segment id="b"><source>Two.</source><target order="1">Deux.</target></segment>
</unit></group></file></xliff>`,
			want: Unit{
				ID: "u2", Line: 4, Source: "One. Two.", Target: "Deux. Un.", HasTarget: true, State: "initial", Translate: false,
				Notes: []string{"hello & bye"}, NoteInfo: []Note{{Category: "c", Priority: 2, Text: "hello & bye"}},
				Segments: []Seg{{ID: "a", Source: "One.", Target: "Un.", State: "final"}, {ID: "b", Source: "Two.", Target: "Deux."}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Read(strings.NewReader(tt.doc), "t.xlf")
			if err != nil {
				t.Fatal(err)
			}
			got := f.Files[0].Units[0]
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestRead12(t *testing.T) {
	doc := `<?xml version="1.0" encoding="windows-1252"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a.txt" source-language="en" target-language="fr" datatype="plaintext"><body>
<group translate="no">
<trans-unit id="1"><source>Caf` + "\xe9" + ` <g id="1">bold</g><x id="2"/> <bpt id="3">&lt;i></bpt>it<ept id="3">&lt;/i></ept> <mrk mtype="term">term</mrk></source>
<target state="needs-review-translation">Caf` + "\xe9" + ` <g id="1">gras</g><x id="2"/></target>
<alt-trans><target>ignored</target></alt-trans>
<note>check this</note></trans-unit>
</group></body></file></xliff>`
	f, err := Read(strings.NewReader(doc), "t.xlf")
	if err != nil {
		t.Fatal(err)
	}
	want := Unit{
		ID: "1", Line: 5, Source: "Café bold it term", Target: "Café gras", HasTarget: true,
		State: "needs-review-translation", Notes: []string{"check this"}, NoteInfo: []Note{{Text: "check this"}},
		SourceCodes: []string{"g:1", "x:2", "bpt:3", "ept:3"}, TargetCodes: []string{"g:1", "x:2"},
		Segments: []Seg{{ID: "1", Source: "Café bold it term", Target: "Café gras", State: "needs-review-translation"}},
	}
	if f.Version != "1.2" || f.SrcLang != "en" || f.TrgLang != "fr" || f.Files[0].Original != "a.txt" {
		t.Errorf("header: %+v", f)
	}
	if got := f.Files[0].Units[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestReadUTF16(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-16"?>` + "\r\n" + head2[strings.Index(head2, "<xliff"):] +
		"<unit id=\"u\">\r\n<segment><source>Été</source></segment></unit></file></xliff>"
	var buf bytes.Buffer
	buf.Write([]byte{0xFF, 0xFE})
	for _, c := range utf16.Encode([]rune(doc)) {
		buf.Write([]byte{byte(c), byte(c >> 8)})
	}
	f, err := Read(&buf, "t.xlf")
	if err != nil {
		t.Fatal(err)
	}
	if u := f.Files[0].Units[0]; u.Source != "Été" || u.Line != 4 {
		t.Errorf("got %q at line %d", u.Source, u.Line)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"not xml", "hello", "t.xlf:1: unexpected end of file"},
		{"unclosed", head2 + "<unit id=\"u\">", "t.xlf:4: not well-formed"},
		{"wrong root", "<tmx/>", "t.xlf:1: root element is <tmx>"},
		{"no srcLang", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1"><file id="f"/></xliff>`, "t.xlf:1: <xliff> has no srcLang"},
		{"file without id", head2[:strings.Index(head2, "<file")] + "<file>\n<unit id=\"u\"><segment><source/></segment></unit></file></xliff>", "t.xlf:3: <file> has no id"},
		{"unit without id", head2 + "<unit>\n<segment><source/></segment></unit></file></xliff>", "t.xlf:4: <unit> has no id"},
		{"segment without source", head2 + "<unit id=\"u\">\n<segment><target/></segment></unit></file></xliff>", "t.xlf:5: <target> not allowed or out of place"},
		{"duplicate unit", head2 + "<unit id=\"u\"><segment><source/></segment></unit>\n<unit id=\"u\"><segment><source/></segment></unit></file></xliff>", "t.xlf:5: duplicate unit id \"u\""},
		{"entity", `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>` + "\n" + head2 + "<unit id=\"u\"><segment><source>&e;</source></segment></unit></file></xliff>", "not well-formed"},
		{"bad state", head2 + "<unit id=\"u\">\n<segment state=\"done\"><source/></segment></unit></file></xliff>", "t.xlf:5: <segment> state=\"done\""},
		{"1.2 without source", `<xliff version="1.2"><file><body>` + "\n" + `<trans-unit id="1"><target/></trans-unit></body></file></xliff>`, "t.xlf:2: <trans-unit id=\"1\"> has no <source>"},
		{"two roots", head2 + "<unit id=\"u\"><segment><source/></segment></unit></file></xliff>\n<xliff/>", "t.xlf:5: element after the root"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.doc), "t.xlf")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(head2 + `<unit id="u"><segment><source>a<pc id="1">b</pc></source><target order="1">c</target></segment></unit></file></xliff>`))
	f.Add([]byte(`<xliff version="1.2"><file><body><trans-unit id="1"><source>a<g id="1">b</g></source></trans-unit></body></file></xliff>`))
	for _, name := range []string{"sample.fr-en.xlf", "sample.fr-en.1.2.xlf"} {
		if golden, err := os.ReadFile(filepath.Join("..", "output", "testdata", name)); err == nil {
			f.Add(golden)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := Read(bytes.NewReader(data), "fuzz.xlf")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		if len(x.Files) == 0 {
			t.Fatal("no error and no file")
		}
		for _, fe := range x.Files {
			for _, u := range fe.Units {
				if u.ID == "" && x.Version != "1.2" {
					t.Fatal("unit without id accepted")
				}
			}
		}
	})
}

// TestReadDeepNesting checks that a million nested inline codes are refused
// on one line at the place the limit is crossed, not by a stack overflow.
func TestReadDeepNesting(t *testing.T) {
	const n = 1_000_000
	var b strings.Builder
	b.WriteString(head2 + "<unit id=\"u\"><segment><source>\n")
	for i := range n {
		fmt.Fprintf(&b, `<pc id="c%d">`, i)
	}
	b.WriteString(strings.Repeat("</pc>", n) + "</source></segment></unit></file></xliff>")
	_, err := Read(strings.NewReader(b.String()), "deep.xlf")
	var pe *ParseError
	if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "deep.xlf:5: <pc> too deeply nested") {
		t.Fatalf("got %v, want a one-line *ParseError at line 5", err)
	}
}
