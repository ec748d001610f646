package glossary

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/diglot/diglot/internal/testkit"
)

// testGlossary is the glossary of the matching tests.
func testGlossary(t testing.TB) *Glossary {
	t.Helper()
	g := &Glossary{From: "fr", To: "en"}
	add := func(e *Entry) {
		e.ID = e.Sources[0]
		g.Entries = append(g.Entries, e)
	}
	add(&Entry{Sources: []string{"Haut-Karabakh", "Haut-Karabagh"}, Target: "Nagorno-Karabakh",
		Forbidden: []string{"Upper Karabakh", "Tall Karabakh", "Height-Karabakh"}})
	add(&Entry{Sources: []string{"Pashinyan", "Pashinian", "Pachinian"}, Target: "Pashinyan"})
	add(&Entry{Sources: []string{"Arménie"}, Target: "Armenia"})
	add(&Entry{Sources: []string{"arménien"}, Forms: []string{"arménienne", "arméniens", "arméniennes"}, Target: "Armenian"})
	add(&Entry{Sources: []string{"azerbaïdjanais"}, Target: "Azerbaijani", Stem: true})
	add(&Entry{Sources: []string{"Conseil"}, Target: "Council"})
	add(&Entry{Sources: []string{"Conseil européen"}, Target: "European Council"})
	add(&Entry{Sources: []string{"Conseil de l’Europe"}, Target: "Council of Europe"})
	add(&Entry{Sources: []string{"UE"}, Target: "EU"})
	add(&Entry{Sources: []string{"ONU"}, Target: "UN"})
	add(&Entry{Sources: []string{"Sotchi"}, Target: "Sochi", CaseSensitive: true})
	add(&Entry{Sources: []string{"casque bleu"}, Target: "peacekeeper", Stem: true})
	add(&Entry{Sources: []string{"journal"}, Target: "newspaper", Stem: true})
	add(&Entry{Sources: []string{"6 500"}, Target: "6,500"})
	add(&Entry{Sources: []string{"Neill"}, Target: "Neill"})
	add(&Entry{Sources: []string{"hui"}, Target: "today"})
	return g
}

// render shows matches as [form=entry id], * marking variants.
func render(ms []Match) string {
	var b strings.Builder
	for _, m := range ms {
		v := ""
		if m.Variant {
			v = "*"
		}
		fmt.Fprintf(&b, "[%s=%s%s]", m.Form, m.Entry.ID, v)
	}
	return b.String()
}

func TestFind(t *testing.T) {
	m := testGlossary(t).Matcher()
	tests := []struct{ name, text, want string }{
		{"hyphen", "la région du Haut-Karabakh.", "[Haut-Karabakh=Haut-Karabakh]"},
		{"space for hyphen", "le Haut Karabakh", "[Haut Karabakh=Haut-Karabakh]"},
		{"no-break space", "le Haut\u00a0Karabakh et le Haut\u202fKarabakh", "[Haut\u00a0Karabakh=Haut-Karabakh][Haut\u202fKarabakh=Haut-Karabakh]"},
		{"en dash", "le Haut–Karabakh", "[Haut–Karabakh=Haut-Karabakh]"},
		{"variant", "Haut-Karabagh", "[Haut-Karabagh=Haut-Karabakh*]"},
		{"variants of a name", "Pashinyan, Pashinian ou Pachinian", "[Pashinyan=Pashinyan][Pashinian=Pashinyan*][Pachinian=Pashinyan*]"},
		{"elision typographic", "l’Arménie", "[Arménie=Arménie]"},
		{"elision straight", "l'Arménie et d'Arménie", "[Arménie=Arménie][Arménie=Arménie]"},
		{"elision modifier letter", "jusqu\u02bcà l\u02bcArménie", "[Arménie=Arménie]"},
		{"elision capital", "L’Arménie", "[Arménie=Arménie]"},
		{"elision lorsqu puisqu qu", "lorsqu’Arménie puisqu’Arménie qu’Arménie", "[Arménie=Arménie][Arménie=Arménie][Arménie=Arménie]"},
		{"apostrophe in a word is no boundary", "O’Neill et aujourd’hui", ""},
		{"apostrophe in the term", "le Conseil de l'Europe", "[Conseil de l'Europe=Conseil de l’Europe]"},
		{"accented letters are letters", "les Arméniens, l’Arménien", "[Arméniens=arménien][Arménien=arménien]"},
		{"accented letter blocks", "Arméniee arménienà", ""},
		{"listed forms", "forces arméniennes, soldats arméniens, armée arménienne", "[arméniennes=arménien][arméniens=arménien][arménienne=arménien]"},
		{"stem", "les dirigeants azerbaïdjanais, la présidente azerbaïdjanaise", "[azerbaïdjanais=azerbaïdjanais][azerbaïdjanaise=azerbaïdjanais]"},
		{"stem on every word of a name", "des casques bleus, un Casque bleu", "[casques bleus=casque bleu][Casque bleu=casque bleu]"},
		{"stem -aux", "les journaux", "[journaux=journal]"},
		{"stem does not cross words", "journalistes", ""},
		{"all caps", "L’ARMÉNIE ET LE HAUT-KARABAKH", "[ARMÉNIE=Arménie][HAUT-KARABAKH=Haut-Karabakh]"},
		{"case folded", "pashinian", "[pashinian=Pashinyan*]"},
		{"leftmost longest", "le Conseil européen et le Conseil", "[Conseil européen=Conseil européen][Conseil=Conseil]"},
		{"longest falls back", "le Conseil de sécurité", "[Conseil=Conseil]"},
		{"acronym case sensitive", "L’UE, l’ONU, une rue, onu", "[UE=UE][ONU=ONU]"},
		{"entry case sensitive", "Sotchi, sotchi", "[Sotchi=Sotchi]"},
		{"numbers with spaces", "6 500 personnes et 6\u202f500 soldats mais 16 500", "[6 500=6 500][6\u202f500=6 500]"},
		{"decomposed accents (NFC)", "l’Arme\u0301nie", "[Arme\u0301nie=Arménie]"},
		{"guillemets", "«\u00a0Arménie\u00a0»", "[Arménie=Arménie]"},
		{"digit blocks", "Arménie2", ""},
		{"punctuation breaks a term", "Haut. Karabakh", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := m.Find(tt.text)
			if got := render(ms); got != tt.want {
				t.Errorf("Find(%q) = %s, want %s", tt.text, got, tt.want)
			}
			for _, x := range ms {
				if tt.text[x.Start:x.End] != x.Form {
					t.Errorf("offsets %d:%d do not give %q", x.Start, x.End, x.Form)
				}
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"arménien", "arménien"}, {"arménienne", "arménien"}, {"arméniens", "arménien"}, {"arméniennes", "arménien"},
		{"européenne", "européen"}, {"national", "national"}, {"nationale", "national"}, {"nationales", "national"},
		{"nationaux", "national"}, {"bureaux", "bureau"}, {"heureux", "heureu"}, {"heureuse", "heureu"},
		{"heureuses", "heureu"}, {"arménie", "arméni"}, {"les", "les"}, {"bus", "bus"}, {"azerbaïdjanaise", "azerbaïdjanai"},
		{"azerbaïdjanais", "azerbaïdjanai"}, {"azerbaïdjanaises", "azerbaïdjanai"}, {"bleues", "bleu"}, {"journaux", "journal"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := stem(tt.in); got != tt.want {
				t.Errorf("stem(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// The seed article of the project: every occurrence of the names is found.
func TestFindSeedArticle(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testkit.Corpus(t, "seed"), "000_ce33e93aea62c78b.txt"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := Load(filepath.Join("testdata", "sample.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	count := map[string]int{}
	for _, m := range g.Matcher().Find(text) {
		if text[m.Start:m.End] != m.Form {
			t.Fatalf("bad offsets %+v", m)
		}
		count[m.Entry.ID]++
	}
	for id, want := range map[string]int{
		"Haut-Karabakh": strings.Count(text, "Haut-Karabakh"),
		"Pashinian":     strings.Count(text, "Pashinyan") + strings.Count(text, "Pashinian"),
	} {
		if want == 0 || count[id] != want {
			t.Errorf("%s: %d matches, want %d", id, count[id], want)
		}
	}
}

func TestFindConcurrent(t *testing.T) {
	m := testGlossary(t).Matcher()
	text := strings.Repeat("L’Arménie et le Haut-Karabakh, les casques bleus de l’ONU. ", 50)
	want := render(m.Find(text))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := render(m.Find(text)); got != want {
				t.Errorf("concurrent Find differs")
			}
		})
	}
	wg.Wait()
}

// TestFindChunks checks that reading a text's tokens a chunk at a time
// finds what reading them all at once finds, wherever the chunks end: in a
// term, between an elision and a term, in a stemmed term.
func TestFindChunks(t *testing.T) {
	defer func(n int) { chunkTokens = n }(chunkTokens)
	check := func(text string) {
		for _, g := range []*Glossary{testGlossary(t), syntheticStem(2_500, 10)} {
			m := g.Matcher()
			chunkTokens = 1 << 30
			want := fmt.Sprint(m.Find(text))
			for _, n := range []int{1, 2, 3, 5, 64} {
				chunkTokens = n
				if got := fmt.Sprint(m.Find(text)); got != want {
					t.Fatalf("chunks of %d tokens: matches differ from one chunk on %.40q…", n, text)
				}
			}
		}
	}
	check(strings.Repeat("l’Arménie et le Haut Karabakh, O’Neill, le Conseil de l'Europe et les casques bleus. ", 40))
	check(strings.Join(newsText(t)[:300], "\n")) // skips where the corpus is absent
}
