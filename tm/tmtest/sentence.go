package tmtest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/diglot/diglot/tm"
)

// The sentence-level and state cases: approved translations of single
// sentences, put together into paragraphs by Lookup; states and notes kept.

// twoSentences is a paragraph of two sentences, with its machine
// translation.
var twoSentences = [2]string{"La guerre est finie. La paix est revenue.", "The war is finished. The peace is gone back."}

// sentenceTMX is a TMX in the shape OmegaT writes (sentence segments, no
// state), with the pairs given.
func sentenceTMX(t testing.TB, pairs ...[2]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.1"><header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" segtype="sentence" srclang="fr"/><body>
`)
	for _, p := range pairs {
		b.WriteString("<tu><tuv lang=\"fr\"><seg>" + p[0] + "</seg></tuv><tuv lang=\"en\"><seg>" + p[1] + "</seg></tuv></tu>\n")
	}
	b.WriteString("</body></tmx>\n")
	return writeFile(t, "project_save.tmx", b.String())
}

func (s *suite) sentenceLevel(t *testing.T) {
	m := s.open(t)
	put(t, m, apKey, tm.Entry{Source: twoSentences[0], Target: twoSentences[1], MT: twoSentences[1], Path: "a.txt", SegmentID: "p2"})
	other := apKey
	other.Settings = "formality=more"

	// One sentence edited: taken as a sentence of the paragraph.
	rep, err := m.Import(ctx, sentenceTMX(t, [2]string{"La paix est revenue.", "Peace has returned."},
		[2]string{"La guerre est finie.", "The war is finished."}, // the machine's sentence: unchanged
		[2]string{"Une phrase inconnue.", "An unknown sentence."}), tm.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Taken != 1 || rep.Unchanged != 1 || len(rep.Refused) != 1 || rep.Refused[0].Unit != "3" || rep.Refused[0].Reason != tm.ReasonNotHeld {
		t.Fatalf("report %+v", rep)
	}
	hits, found := lookup(t, m, apKey, twoSentences[0], "  La guerre est finie.   La paix est revenue. ")
	for i, h := range hits {
		if !found[i] || h.Approved || h.Target != "The war is finished. Peace has returned." || len(h.Sentences) != 2 || !h.Sentences[1].Approved || h.Sentences[0].Approved {
			t.Errorf("under the key, %d: %+v %v: want the machine's first sentence and the editor's second", i, h, found[i])
		}
	}
	hits, found = lookup(t, m, other, twoSentences[0])
	want := []tm.Sentence{{Start: 0, End: 20}, {Start: 21, End: 41, Target: "Peace has returned.", Approved: true}}
	if found[0] || !reflect.DeepEqual(hits[0].Sentences, want) {
		t.Errorf("under another key: %+v %v, want not found with sentences %+v", hits[0], found[0], want)
	}

	// Both sentences approved: the paragraph is approved, put together.
	if _, err := m.Import(ctx, sentenceTMX(t, [2]string{"La guerre est finie.", "The war is over."}), tm.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []tm.Key{apKey, other} {
		hits, found = lookup(t, m, k, twoSentences[0])
		if h := hits[0]; !found[0] || !h.Approved || h.Target != "The war is over. Peace has returned." || h.State != tm.StateTranslated {
			t.Errorf("key %+v: %+v %v", k, h, found[0])
		}
	}
	if h := hits[0]; h.Machine != "" {
		t.Errorf("under another key the machine translation replaced is unknown, got %q", h.Machine)
	}
	// A paragraph approved as a whole wins over its sentences.
	approve(t, m, tm.Entry{Source: twoSentences[0], Target: "War is over; peace is back."})
	if hits, _ = lookup(t, m, apKey, twoSentences[0]); hits[0].Target != "War is over; peace is back." || hits[0].Sentences != nil {
		t.Errorf("paragraph approval: %+v", hits[0])
	}
}

func (s *suite) statesAndNotes(t *testing.T) {
	m := s.seeded(t, translated())
	src := translated().Segments[0].Source
	approve(t, m, tm.Entry{Source: src, Target: "Nagorno-Karabakh has been evacuated.", State: tm.StateFinal,
		Notes: []string{"diglot-ignore: term-missing", "checked\nby the desk"}})
	hits, _ := lookup(t, m, apKey, src)
	if h := hits[0]; h.State != tm.StateFinal || !reflect.DeepEqual(h.Notes, []string{"diglot-ignore: term-missing", "checked by the desk"}) {
		t.Errorf("hit %+v", h)
	}
	// The same target with another state is a change, and one more row
	// of history.
	before := historyCount(t, m)
	if n := approve(t, m, tm.Entry{Source: src, Target: "Nagorno-Karabakh has been evacuated.", State: tm.StateReviewed}); n != 1 {
		t.Errorf("a new state: %d changed", n)
	}
	if n := approve(t, m, tm.Entry{Source: src, Target: "Nagorno-Karabakh has been evacuated.", State: tm.StateReviewed}); n != 0 {
		t.Errorf("the same again: %d changed", n)
	}
	if historyCount(t, m) < before {
		t.Error("history lost rows")
	}
	data, doc := ExportTMX(t, m, tm.ExportOptions{ApprovedOnly: true})
	if len(doc.Units) != 1 || doc.Units[0].Props[tm.PropState] != tm.StateReviewed || len(doc.Units[0].Notes) != 0 {
		t.Errorf("export:\n%s", data)
	}

	// XLIFF 1.2 states come in mapped, notes kept (diglot's own left out),
	// and a stale file does not set a state back.
	x := writeFile(t, "final.xlf", `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a/karabakh.txt" source-language="fr" target-language="en" datatype="plaintext"><body>
  <trans-unit id="p2"><source>Pachinian a parlé mardi.</source><target state="signed-off">Pashinyan spoke on Tuesday.</target>
   <note from="diglot-glossary">Glossary: Pachinian → Pashinyan</note><note>diglot-ignore</note></trans-unit>
  <trans-unit id="p4"><source>Le gouvernement a réagi.</source><target state="final">The government responded.</target></trans-unit>
 </body></file></xliff>`)
	rep, err := m.Import(ctx, x, tm.ImportOptions{})
	if err != nil || rep.Taken != 2 {
		t.Fatalf("import: %+v %v", rep, err)
	}
	hits, _ = lookup(t, m, apKey, "Pachinian a parlé mardi.", "Le gouvernement a réagi.")
	if hits[0].State != tm.StateReviewed || !reflect.DeepEqual(hits[0].Notes, []string{"diglot-ignore"}) || hits[1].State != tm.StateFinal {
		t.Errorf("after import: %+v", hits)
	}
	stale := writeFile(t, "stale.xlf", strings.Replace(readFile(t, x), `state="final"`, `state="translated"`, 1))
	if rep, err := m.Import(ctx, stale, tm.ImportOptions{}); err != nil || rep.Taken != 0 {
		t.Errorf("stale import: %+v %v", rep, err)
	}
	if hits, _ = lookup(t, m, apKey, "Le gouvernement a réagi."); hits[0].State != tm.StateFinal {
		t.Errorf("a stale file set the state back: %+v", hits[0])
	}
}
