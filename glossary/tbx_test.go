package glossary

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/internal/testkit"
)

func TestTBXCorpus(t *testing.T) {
	okapi := testkit.Corpus(t, "tbx", "okapi")
	ltac := testkit.Corpus(t, "tbx", "ltac")
	tests := []struct {
		file     string
		opts     LoadOptions
		entries  int
		source   string // a source form that must be found
		target   string // its target
		fragment string // text the matcher must find the source in
	}{
		{file: filepath.Join(okapi, "ibm_tbx.tbx"), opts: DefaultOptions, entries: 5,
			source: "historique de navigation", target: "navigation trail", fragment: "l’historique de navigation du site"},
		{file: filepath.Join(okapi, "medtronic_TBX.tbx"), opts: DefaultOptions, entries: 3,
			source: "signal sonore", target: "audible alert", fragment: "un signal sonore retentit"},
		{file: filepath.Join(okapi, "maryland.tbx"), opts: DefaultOptions, entries: 1,
			source: "copiste", target: "scribe", fragment: "Le copiste, l’écrivain"},
		{file: filepath.Join(okapi, "oracle_TBX.tbx"), opts: LoadOptions{From: "pt", To: "en"}, entries: 2,
			source: "Valor a Atingir", target: "Target Value", fragment: "o Valor a Atingir"},
		{file: filepath.Join(okapi, "sdl_tbx.tbx"), opts: LoadOptions{From: "de", To: "en"},
			source: "Zickzackfalz", target: "accordion fold", fragment: "eine Zickzackfalz"},
		{file: filepath.Join(okapi, "test01.tbx"), opts: LoadOptions{From: "hu", To: "en"}, entries: 1,
			source: "Alfa simítási tényező", target: "alpha smoothing factor", fragment: "Alfa simítási tényező"},
		{file: filepath.Join(okapi, "test02_win1254.tbx"), opts: LoadOptions{From: "tr", To: "en"}, entries: 1,
			source: "tr term with: éá and İı", target: "term with: éá and İı", fragment: "tr term with: éá and İı"},
		{file: filepath.Join(ltac, "basic_good.tbx"), opts: LoadOptions{From: "es", To: "en"},
			source: "cúmulo abierto", target: "open cluster", fragment: "un cúmulo abierto"},
		{file: filepath.Join(ltac, "core_structure_good.tbx"), opts: LoadOptions{From: "es-ES", To: "en-US"},
			source: "agujero negro", target: "black hole", fragment: "el agujero negro"},
		{file: filepath.Join(ltac, "min_good.tbx"), opts: LoadOptions{From: "es", To: "en"},
			source: "cúmulo abierto", target: "open cluster", fragment: "cúmulos abiertos y un cúmulo abierto"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file)+"/"+tt.opts.From, func(t *testing.T) {
			g, err := LoadWith(tt.opts, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if tt.entries > 0 && len(g.Entries) != tt.entries {
				t.Errorf("entries = %d, want %d (skipped %d)", len(g.Entries), tt.entries, g.Files[0].Skipped)
			}
			if len(g.Entries) == 0 {
				t.Fatal("no entries")
			}
			ms := g.Matcher().Find(tt.fragment)
			var found *Entry
			for _, m := range ms {
				if m.Entry.ID == tt.source || m.Entry.Sources[0] == tt.source {
					found = m.Entry
				}
			}
			if found == nil {
				t.Fatalf("%q not found in %q (matches %s)", tt.source, tt.fragment, render(ms))
			}
			if found.Target != tt.target {
				t.Errorf("target = %q, want %q", found.Target, tt.target)
			}
			if g.Files[0].Format != "tbx" || found.Line == 0 {
				t.Errorf("file %+v, line %d", g.Files[0], found.Line)
			}
		})
	}
}

// Every TBX file of the corpus loads French to English, counting the
// concepts that have no French.
func TestTBXCorpusFrench(t *testing.T) {
	var files []string
	for _, pat := range []string{"tbx/okapi/*.tbx", "tbx/ltac/*_good.tbx"} {
		m, _ := filepath.Glob(filepath.Join(testkit.Corpus(t, "tbx"), "..", pat))
		files = append(files, m...)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			g, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(g.Entries)+g.Files[0].Skipped == 0 {
				t.Error("no concept read")
			}
		})
	}
}

func TestTBXRefused(t *testing.T) {
	ltac := testkit.Corpus(t, "tbx", "ltac")
	_, err := Load(filepath.Join(ltac, "poorly_formed_xml.tbx"))
	if err == nil || !strings.Contains(err.Error(), "poorly_formed_xml.tbx:42: ") {
		t.Fatalf("err = %v, want a located error", err)
	}
	t.Log(err)
}

func TestTBXInline(t *testing.T) {
	tests := []struct {
		name, data string
		want       string // entries summary, or error fragment
		forbidden  string
		targetForm string
		skipped    int
	}{
		{name: "v3 statuses", data: `<?xml version="1.0"?>
<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1"><descrip type="definition">Région du Caucase</descrip>
 <langSec xml:lang="fr-FR">
  <termSec><term>Haut-Karabagh</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
  <termSec><term>Haut-Karabakh</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote><termNote type="partOfSpeech">noun</termNote></termSec>
 </langSec>
 <langSec xml:lang="en-US">
  <termSec><term>Upper Karabakh</term><termNote type="usageStatus">forbidden</termNote></termSec>
  <termSec><term>Nagorno-Karabakh</term><termNote type="usageStatus">preferred</termNote></termSec>
  <termSec><term>Mountainous Karabakh</term></termSec>
 </langSec>
</conceptEntry>
<conceptEntry id="c2"><langSec xml:lang="de"><termSec><term>Berg</term></termSec></langSec></conceptEntry>
</body></text></tbx>`, want: "Haut-Karabakh|Haut-Karabagh>Nagorno-Karabakh", forbidden: "Upper Karabakh", targetForm: "Mountainous Karabakh", skipped: 1},
		{name: "v2 tig and ntig", data: `<martif type="TBX"><text><body>
<termEntry><langSet xml:lang="fr"><tig><term>Sotchi</term></tig></langSet>
<langSet xml:lang="en"><ntig><termGrp><term>Sochi</term></termGrp></ntig>
<ntig><termGrp><term>Sotchi</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termGrp></ntig></langSet></termEntry>
</body></text></martif>`, want: "Sotchi>Sochi", forbidden: "Sotchi"},
		{name: "only deprecated targets", data: `<tbx><text><body><conceptEntry>
<langSec xml:lang="fr"><termSec><term>a</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>b</term><termNote type="usageStatus">deprecated</termNote></termSec></langSec>
</conceptEntry></body></text></tbx>`, want: "", skipped: 1},
		{name: "not tbx", data: `<html><body/></html>`, want: "g.tbx:1: not a TBX file"},
		{name: "unclosed", data: "<tbx>\n<text>\n<body>\n</text></tbx>", want: "g.tbx:4:"},
		{name: "undefined entity", data: "<tbx>\n<text>&ent;</text></tbx>", want: "g.tbx:2:"},
		{name: "external DTD is not fetched", data: `<?xml version="1.0"?>
<!DOCTYPE martif SYSTEM "http://127.0.0.1:1/never.dtd">
<martif><text><body><termEntry><langSet xml:lang="fr"><tig><term>UE</term></tig></langSet>
<langSet xml:lang="en"><tig><term>EU</term></tig></langSet></termEntry></body></text></martif>`, want: "UE>EU"},
		{name: "no root", data: "<?xml version=\"1.0\"?>\n<!-- nothing -->\n", want: "g.tbx: not a TBX file: no root element"},
		{name: "too deep", data: "<tbx><text><body>\n" + strings.Repeat("<note>", 1_000_000) + strings.Repeat("</note>", 1_000_000) + "</body></text></tbx>",
			want: "g.tbx:2: <note> too deeply nested"},
		{name: "element after root", data: "<tbx/>\n<tbx/>", want: "g.tbx:2: element after the root element"},
		{name: "unknown encoding", data: `<?xml version="1.0" encoding="x-klingon"?><tbx/>`, want: "unsupported encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := Parse("g.tbx", []byte(tt.data))
			if err != nil {
				if !strings.Contains(err.Error(), tt.want) || tt.want == "" {
					t.Fatalf("err = %v, want %q", err, tt.want)
				}
				return
			}
			if got := entrySummary(g); got != tt.want {
				t.Fatalf("entries = %q, want %q", got, tt.want)
			}
			if g.Files[0].Skipped != tt.skipped {
				t.Errorf("skipped = %d, want %d", g.Files[0].Skipped, tt.skipped)
			}
			if len(g.Entries) == 0 {
				return
			}
			e := g.Entries[0]
			if strings.Join(e.Forbidden, "|") != tt.forbidden || strings.Join(e.TargetForms, "|") != tt.targetForm {
				t.Errorf("forbidden %q, target forms %q", e.Forbidden, e.TargetForms)
			}
		})
	}
}

func TestTBXUTF16(t *testing.T) {
	src := "<?xml version=\"1.0\" encoding=\"UTF-16\"?><tbx><text><body><conceptEntry>" +
		"<langSec xml:lang=\"fr\"><termSec><term>Arménie</term></termSec></langSec>" +
		"<langSec xml:lang=\"en\"><termSec><term>Armenia</term></termSec></langSec></conceptEntry></body></text></tbx>"
	data := []byte{0xff, 0xfe}
	for _, r := range src {
		data = append(data, byte(r), byte(r>>8))
	}
	g, err := Parse("u16.tbx", data)
	if err != nil {
		t.Fatal(err)
	}
	if got := entrySummary(g); got != "Arménie>Armenia" {
		t.Errorf("entries = %q", got)
	}
}
