package xliff

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/diglot/diglot/internal/testkit"
)

// coded builds a text from words, wrapping word i in the Markdown code that
// kinds[i] picks, and returns the text, its codes (ids in order of start)
// and the word of each code. drop leaves the code of that word out (written
// as the bare word), as an editor who deleted a tag would.
func coded(words []string, kinds []byte, sep string, drop int) (string, []Code, []int) {
	var b strings.Builder
	var codes []Code
	i := 0
	add := func(kind, open, inner, close string) {
		codes = append(codes, Code{ID: i, Kind: kind, Start: b.Len(), End: b.Len() + len(open) + len(inner) + len(close), Open: open, Close: close})
		b.WriteString(open + inner + close)
	}
	for i = range words {
		w := words[i]
		if i > 0 {
			b.WriteString(sep)
		}
		k := byte(0)
		if i < len(kinds) && i != drop {
			k = kinds[i] % 11
		}
		switch k {
		case 1:
			add("bold", "**", w, "**")
		case 2:
			add("bold", "__", w, "__")
		case 3:
			add("italic", "_", w, "_")
		case 4:
			add("bold-italic", "***", w, "***")
		case 5:
			add("strike", "~~", w, "~~")
		case 6:
			add("link", "[", w, fmt.Sprintf("](https://ex.fr/a?b=%d&c=<%d>)", i, i))
		case 7:
			add("code", "`"+w+"`", "", "")
		case 8:
			add("image", "![a & b]("+w+".png)", "", "")
		case 9:
			add("autolink", "<https://ex.fr/"+w+">", "", "")
		case 10: // a bold inside a link
			start := b.Len()
			b.WriteString("[")
			add("bold", "**", w, "**")
			b.WriteString("](u)")
			codes = append(codes, Code{ID: i, Kind: "link", Start: start, End: b.Len(), Open: "[", Close: "](u)"})
		default:
			b.WriteString(w)
		}
	}
	slices.SortStableFunc(codes, func(x, y Code) int { return x.Start - y.Start })
	word := make([]int, len(codes))
	for j := range codes {
		word[j], codes[j].ID = codes[j].ID, j+1
	}
	return b.String(), codes, word
}

// pairIDs gives each target code the id of the source code of the same
// word and rank within it, as the pipeline pairs them.
func pairIDs(src []Code, srcWord []int, tgt []Code, tgtWord []int) {
	for j := range tgt {
		rank := 0
		for k := range j {
			if tgtWord[k] == tgtWord[j] {
				rank++
			}
		}
		tgt[j].ID = 0
		for k := range src {
			if srcWord[k] == tgtWord[j] {
				if rank == 0 {
					tgt[j].ID = src[k].ID
					break
				}
				rank--
			}
		}
	}
}

// codeNames are the names [Read] gives the codes [Write12] writes, in
// document order: a <bpt> where its code starts, its <ept> where it ends
// (before a code that starts there), a <ph> where it stands.
func codeNames(codes []Code) []string {
	type event struct {
		pos, order int // order: an <ept> before a code starting at pos
		name       string
	}
	var ev []event
	for _, c := range codes {
		if c.Paired() {
			ev = append(ev, event{c.Start, 1, fmt.Sprintf("bpt:c%d", c.ID)}, event{c.End, 0, fmt.Sprintf("ept:c%d", c.ID)})
		} else {
			ev = append(ev, event{c.Start, 1, fmt.Sprintf("ph:c%d", c.ID)})
		}
	}
	slices.SortStableFunc(ev, func(a, b event) int { return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.order, b.order)) })
	var out []string
	for _, e := range ev {
		out = append(out, e.name)
	}
	return out
}

// TestWrite12Codes writes a unit with every kind of code: exact elements,
// valid against the strict schema, and read back to the text with its
// markup and the codes in order.
func TestWrite12Codes(t *testing.T) {
	words := []string{"Le", "Haut-Karabakh", "x < y", "l’accord", "grave", "faux", "photo", "site", "lien", "fin"}
	kinds := []byte{0, 1, 7, 6, 4, 5, 8, 10, 9, 3}
	src, srcCodes, srcWord := coded(words, kinds, " ", -1)
	tgt, tgtCodes, _ := coded(words, kinds, " ", -1)
	lost, lostCodes, lostWord := coded(words, kinds, " ", 1) // the bold of Haut-Karabakh is lost
	pairIDs(srcCodes, srcWord, lostCodes, lostWord)
	term := strings.Index(src, "Haut-Karabakh")
	units := []DocUnit{
		{ID: "p1", Source: src, Target: tgt, SourceCodes: srcCodes, TargetCodes: tgtCodes,
			Terms: []Term{{Source: "Haut-Karabakh", Target: "Nagorno-Karabakh", Entry: "Haut-Karabakh", Start: term, End: term + len("Haut-Karabakh")}}},
		{ID: "p2", Source: src, Target: lost, SourceCodes: srcCodes, TargetCodes: lostCodes},
		// Two sentences, each with its codes: split, codes inside the sentences.
		{ID: "p3", Source: "Le **chat** dort. Le `chien` mange.", Target: "The **cat** sleeps. The `dog` eats.",
			Sentences:   []string{"Le **chat** dort.", "Le `chien` mange."},
			SourceCodes: []Code{{ID: 1, Kind: "bold", Start: 3, End: 11, Open: "**", Close: "**"}, {ID: 2, Kind: "code", Start: 21, End: 28, Open: "`chien`"}},
			TargetCodes: []Code{{ID: 1, Kind: "bold", Start: 4, End: 11, Open: "**", Close: "**"}, {ID: 2, Kind: "code", Start: 24, End: 29, Open: "`dog`"}}},
		// A bold across the sentence boundary: not split.
		{ID: "p4", Source: "**Une phrase. Deux.**", Target: "**One sentence. Two.**", Sentences: []string{"**Une phrase.", "Deux.**"},
			SourceCodes: []Code{{ID: 1, Kind: "bold", Start: 0, End: 21, Open: "**", Close: "**"}},
			TargetCodes: []Code{{ID: 1, Kind: "bold", Start: 0, End: 22, Open: "**", Close: "**"}}},
		// Codes that do not describe the text (an edited target): text as it is.
		{ID: "p5", Source: "Un **mot**.", Target: "A **word**, edited.", SourceCodes: []Code{{ID: 1, Kind: "bold", Start: 3, End: 10, Open: "**", Close: "**"}},
			TargetCodes: []Code{{ID: 1, Kind: "bold", Start: 0, End: 5, Open: "**", Close: "**"}}},
	}
	for _, opt := range []Options12{{}, {SourceInTarget: true}} {
		t.Run(fmt.Sprintf("source-in-target=%v", opt.SourceInTarget), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write12(&buf, &Doc{SrcLang: "fr", TrgLang: "en", Original: "a.md", Units: units}, opt); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			for _, want := range []string{
				`Le <bpt id="c1" ctype="bold" equiv-text="**">**</bpt><mrk mtype="term" mid="m1" comment="Nagorno-Karabakh">Haut-Karabakh</mrk><ept id="c1" equiv-text="**">**</ept>`,
				`<ph id="c2" ctype="x-md-code" equiv-text="` + "`x &lt; y`" + `">` + "`x &lt; y`" + `</ph>`,
				`<bpt id="c3" ctype="link" equiv-text="[">[</bpt>l’accord<ept id="c3" equiv-text="](https://ex.fr/a?b=3&amp;c=&lt;3&gt;)">](https://ex.fr/a?b=3&amp;c=&lt;3&gt;)</ept>`,
				`<bpt id="c4" ctype="x-md-bold-italic" equiv-text="***">***</bpt>grave<ept id="c4" equiv-text="***">***</ept>`,
				`<bpt id="c5" ctype="x-md-strike" equiv-text="~~">`,
				`<ph id="c6" ctype="image" equiv-text="![a &amp; b](photo.png)">`,
				`<bpt id="c7" ctype="link" equiv-text="[">[</bpt><bpt id="c8" ctype="bold" equiv-text="**">**</bpt>site<ept id="c8" equiv-text="**">**</ept><ept id="c7" equiv-text="](u)">](u)</ept>`,
				`<ph id="c9" ctype="x-md-autolink" equiv-text="&lt;https://ex.fr/lien&gt;">`,
				`<bpt id="c10" ctype="italic" equiv-text="_">_</bpt>fin<ept id="c10" equiv-text="_">_</ept>`,
				`<mrk mtype="seg" mid="1">Le <bpt id="c1" ctype="bold" equiv-text="**">**</bpt>chat<ept id="c1" equiv-text="**">**</ept> dort.</mrk> <mrk mtype="seg" mid="2">Le <ph id="c2" ctype="x-md-code" equiv-text="` + "`chien`" + `">`,
			} {
				if !strings.Contains(out, want) {
					t.Errorf("XLIFF lacks %s", want)
				}
			}
			if opt.SourceInTarget {
				// p5's target is its source, which its codes describe.
				if strings.Contains(out, "**word**") || !strings.Contains(out, `<target state="needs-translation">Un <bpt id="c1"`) {
					t.Error("p5 target is not the source with its codes")
				}
			} else if !strings.Contains(out, `<source>Un **mot**.</source>`) {
				t.Error("p5, whose target codes are stale, has codes in its source")
			} else if !strings.Contains(out, `<target state="translated">Le <bpt id="c1"`) || !strings.Contains(out, "<target state=\"translated\">A **word**, edited.</target>") {
				t.Error("targets: codes not written, or stale codes written")
			}
			path := filepath.Join(t.TempDir(), "a.xlf")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := testkit.ValidateXLIFF12(t, path); err != nil {
				t.Fatalf("xmllint rejects the XLIFF 1.2 with codes: %v\n%s", err, out)
			}
			f, err := Read(bytes.NewReader(buf.Bytes()), "a.xlf")
			if err != nil {
				t.Fatal(err)
			}
			got := f.Files[0].Units
			for i, u := range units {
				want := u.Target
				if opt.SourceInTarget {
					want = u.Source
				}
				if got[i].Source != u.Source || got[i].Target != want {
					t.Errorf("%s read back as %q -> %q, want %q -> %q", u.ID, got[i].Source, got[i].Target, u.Source, want)
				}
			}
			if !slices.Equal(got[0].SourceCodes, codeNames(srcCodes)) || !slices.Equal(got[0].SourceCodes, got[0].TargetCodes) {
				t.Errorf("p1 codes %v -> %v", got[0].SourceCodes, got[0].TargetCodes)
			}
			if !opt.SourceInTarget {
				if l, want := got[1].TargetCodes, codeNames(lostCodes); !slices.Equal(l, want) || slices.Contains(l, "bpt:c1") {
					t.Errorf("p2 target codes %v, want %v (no c1)", l, want)
				}
			}
			if n := len(got[2].Segments); n != 2 || got[2].Segments[1].Source != "Le `chien` mange." {
				t.Errorf("p3 segments %+v, want 2", got[2].Segments)
			}
			if n := len(got[3].Segments); n != 1 {
				t.Errorf("p4, whose bold spans two sentences, has %d segments, want 1", n)
			}
			if len(got[4].SourceCodes)+len(got[4].TargetCodes) != 0 && !opt.SourceInTarget {
				t.Errorf("p5 codes %v %v, want none", got[4].SourceCodes, got[4].TargetCodes)
			}
		})
	}
}

// FuzzWrite12Codes checks that a unit with codes reads back with the text
// as written (markup included), every code as its elements in order, and
// sentences
// that make the text, whatever the words are.
func FuzzWrite12Codes(f *testing.F) {
	f.Add("Le chat|dort bien|x < y|fin", []byte{1, 6, 7, 10}, true, 2)
	f.Add("a&b|**|`|]]>", []byte{2, 3, 4, 5}, false, 0)
	f.Add("Une phrase. Deux|trois. Quatre", []byte{1, 9, 8}, true, -1)
	f.Fuzz(func(t *testing.T, text string, kinds []byte, sentences bool, drop int) {
		if !utf8.ValidString(text) {
			return
		}
		words := strings.Split(text, "|")
		if len(words) > 64 {
			return // the test's own pairing is quadratic
		}
		sep := " "
		if sentences {
			sep = ". "
		}
		src, srcCodes, srcWord := coded(words, kinds, sep, -1)
		tgt, tgtCodes, tgtWord := coded(words, kinds, sep, drop)
		pairIDs(srcCodes, srcWord, tgtCodes, tgtWord)
		u := DocUnit{ID: "p1", Source: src, Target: tgt, SourceCodes: srcCodes, TargetCodes: tgtCodes, State: "translated"}
		if sentences {
			u.Sentences = strings.SplitAfter(src, ". ")
		}
		var buf bytes.Buffer
		if err := Write12(&buf, &Doc{SrcLang: "fr", TrgLang: "en", Original: "a.md", Units: []DocUnit{u}}, Options12{}); err != nil {
			t.Fatal(err)
		}
		x, err := Read(bytes.NewReader(buf.Bytes()), "rt.xlf")
		if err != nil {
			t.Fatalf("%v\n%s", err, buf.Bytes())
		}
		clean := func(s string) string {
			return strings.Map(func(r rune) rune {
				if xmlChar(r) {
					return r
				}
				return utf8.RuneError
			}, s)
		}
		got := x.Files[0].Units[0]
		if got.Source != clean(src) || got.Target != clean(tgt) {
			t.Fatalf("read %q -> %q, wrote %q -> %q\n%s", got.Source, got.Target, src, tgt, buf.Bytes())
		}
		if !slices.Equal(got.SourceCodes, codeNames(srcCodes)) {
			t.Fatalf("source codes %v, wrote %v\n%s", got.SourceCodes, srcCodes, buf.Bytes())
		}
		var kept []Code
		for _, c := range tgtCodes {
			if c.ID > 0 {
				kept = append(kept, c)
			}
		}
		if !slices.Equal(got.TargetCodes, codeNames(kept)) {
			t.Fatalf("target codes %v, wrote %v\n%s", got.TargetCodes, tgtCodes, buf.Bytes())
		}
		if len(got.Segments) > 1 {
			var s, g string
			for _, seg := range got.Segments {
				s += seg.Source
				g += seg.Target
			}
			// The white space between sentences is outside them (and a
			// white space XML cannot hold, such as \v, is U+FFFD there).
			squeeze := func(s string) string {
				return strings.Join(strings.Fields(strings.ReplaceAll(s, "\uFFFD", "")), "")
			}
			if squeeze(s) != squeeze(got.Source) || squeeze(g) != squeeze(got.Target) {
				t.Fatalf("sentences %+v do not make the unit %q -> %q", got.Segments, got.Source, got.Target)
			}
		}
	})
}
