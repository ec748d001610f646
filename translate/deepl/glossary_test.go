package deepl_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/backendtest"
	"github.com/diglot/diglot/translate/deepl"
	"github.com/diglot/diglot/translate/deepl/deepltest"
	"github.com/diglot/diglot/translate/internal/servertest"
)

// names has variants (two sources for one target) and a do-not-translate
// entry.
const names = "Haut-Karabakh\tNagorno-Karabakh\nHaut-Karabagh\tNagorno-Karabakh\n" +
	"Pashinyan\tPashinyan\nPashinian\tPashinyan\nErevan\tYerevan\n"

const text = "Le président Pashinian est au Haut Karabakh.\n\nLa guerre du Haut-Karabagh.\n\nLe ministre est à Erevan.\n"

// run translates text with a new client against srv, as one diglot run
// does (Prepare, then the pipeline with the glossary), and returns the
// document and the error.
func run(t *testing.T, srv *deepltest.Server, gloss string, with ...func(*pipeline.Config)) (*bitext.Document, error) {
	t.Helper()
	c, err := deepl.New(backendtest.Config(srv.URL, map[string]string{"auth-key": key}))
	if err != nil {
		t.Fatal(err)
	}
	if err := pipeline.Prepare(t.Context(), c, "fr", "en", pipeline.SendOptions{}); err != nil {
		t.Fatal(err)
	}
	g, err := glossary.Parse("names.tsv", []byte(gloss))
	if err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Backend: c, BackendName: "deepl", From: "fr", To: "en", Glossary: g,
		Sleep: func(context.Context, time.Duration) error { return nil }}
	for _, change := range with {
		change(&cfg)
	}
	p, err := pipeline.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Parse("a.txt", []byte(text), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := p.Document(t.Context(), a, "a.txt")
	return doc, err
}

// termsHonoured fails the test if a segment has an issue about its
// translation, or the targets lack a required term.
func termsHonoured(t *testing.T, doc *bitext.Document) {
	t.Helper()
	for _, s := range doc.Segments {
		for _, is := range s.Issues {
			if is.Rule == "source-variant" {
				continue // about the source's spelling, which the test's text has on purpose
			}
			t.Errorf("%s: %s: %s", s.ID, is.Rule, is.Message)
		}
	}
	all := ""
	for _, s := range doc.Segments {
		all += s.Target + "\n"
	}
	for _, want := range []string{"Pashinyan", "Nagorno-Karabakh", "Yerevan"} {
		if !strings.Contains(all, want) {
			t.Errorf("targets lack %q:\n%s", want, all)
		}
	}
}

// everyRequestCarries checks that every translation the server saw since
// from carried the glossary id.
func everyRequestCarries(t *testing.T, srv *deepltest.Server, from int, id string) {
	t.Helper()
	got := srv.GlossaryStats().Translations[from:]
	if len(got) == 0 {
		t.Fatal("no translation request")
	}
	for i, g := range got {
		if g != id {
			t.Errorf("translation request %d: glossary_id %q, want %q", from+i, g, id)
		}
	}
}

func TestGlossaryCreatedOnceAndReused(t *testing.T) {
	for _, v2 := range []bool{false, true} {
		t.Run(fmt.Sprint("v2only=", v2), func(t *testing.T) {
			srv := deepltest.NewTestServer(t, deepltest.Options{Key: key, V2Only: v2})
			doc, err := run(t, srv, names)
			if err != nil {
				t.Fatal(err)
			}
			termsHonoured(t, doc)
			gs := srv.Glossaries()
			if st := srv.GlossaryStats(); st.Created != 1 || len(gs) != 1 {
				t.Fatalf("%d glossaries created, want 1", st.Created)
			}
			g := gs[0]
			if want := map[bool]string{false: "v3", true: "v2"}[v2]; g.API != want {
				t.Errorf("created through %s, want %s", g.API, want)
			}
			if !strings.HasPrefix(g.Name, "diglot-") || len(g.Dictionaries) != 1 ||
				g.Dictionaries[0].Source != "fr" || g.Dictionaries[0].Target != "en" {
				t.Errorf("glossary %+v: want diglot-…, fr→en", g)
			}
			// Each variant is an entry of its own.
			wantEntries := [][2]string{{"Erevan", "Yerevan"}, {"Haut-Karabagh", "Nagorno-Karabakh"},
				{"Haut-Karabakh", "Nagorno-Karabakh"}, {"Pashinian", "Pashinyan"}, {"Pashinyan", "Pashinyan"}}
			if !slices.Equal(g.Dictionaries[0].Entries, wantEntries) {
				t.Errorf("entries %q, want %q", g.Dictionaries[0].Entries, wantEntries)
			}
			everyRequestCarries(t, srv, 0, g.ID)

			// The same glossary, another run: found, not created.
			before := len(srv.GlossaryStats().Translations)
			doc, err = run(t, srv, names)
			if err != nil {
				t.Fatal(err)
			}
			termsHonoured(t, doc)
			if st := srv.GlossaryStats(); st.Created != 1 {
				t.Errorf("second run: %d created in all, want still 1", st.Created)
			}
			everyRequestCarries(t, srv, before, g.ID)

			// A changed glossary is a new one; the old stays until pruned.
			before = len(srv.GlossaryStats().Translations)
			if _, err = run(t, srv, names+"Bakou\tBaku\n"); err != nil {
				t.Fatal(err)
			}
			gs = srv.Glossaries()
			if st := srv.GlossaryStats(); st.Created != 2 || len(gs) != 2 || gs[1].Name == g.Name {
				t.Fatalf("changed glossary: %d created, glossaries %+v; want a second one", st.Created, gs)
			}
			everyRequestCarries(t, srv, before, gs[1].ID)
		})
	}
}

func TestPruneDeletesOnlyDiglotsUnused(t *testing.T) {
	for _, v2 := range []bool{false, true} {
		t.Run(fmt.Sprint("v2only=", v2), func(t *testing.T) {
			srv := deepltest.NewTestServer(t, deepltest.Options{Key: key, V2Only: v2})
			if _, err := run(t, srv, names); err != nil {
				t.Fatal(err)
			}
			changed := names + "Bakou\tBaku\n"
			if _, err := run(t, srv, changed); err != nil {
				t.Fatal(err)
			}
			foreign := []string{
				srv.AddGlossary("team terms", "fr", "en", [][2]string{{"chat", "cat"}}),
				srv.AddGlossary("diglot-notahexname", "fr", "en", [][2]string{{"chat", "cat"}}),
			}
			gs := srv.Glossaries()
			old, kept := gs[0], gs[1]

			c, err := deepl.New(backendtest.Config(srv.URL, map[string]string{"auth-key": key}))
			if err != nil {
				t.Fatal(err)
			}
			g, err := glossary.Parse("names.tsv", []byte(changed))
			if err != nil {
				t.Fatal(err)
			}
			deleted, err := c.PruneGlossaries(t.Context(), []translate.GlossarySet{{From: "fr", To: "en-us", Terms: pipeline.Terms(g)}})
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{old.Name + " (" + old.ID + ")"}; !slices.Equal(deleted, want) {
				t.Errorf("deleted %q, want %q", deleted, want)
			}
			var left []string
			for _, g := range srv.Glossaries() {
				left = append(left, g.ID)
			}
			if want := append([]string{kept.ID}, foreign...); !slices.Equal(left, want) {
				t.Errorf("left %q, want %q (the one in use, and those diglot did not make)", left, want)
			}
			if st := srv.GlossaryStats(); st.Deleted != 1 {
				t.Errorf("%d deleted, want 1", st.Deleted)
			}
			// Nothing left to prune.
			if deleted, err := c.PruneGlossaries(t.Context(), []translate.GlossarySet{{From: "fr", To: "en", Terms: pipeline.Terms(g)}}); err != nil || len(deleted) > 0 {
				t.Errorf("second prune: %q, %v; want nothing", deleted, err)
			}
		})
	}
}

// A v2 server that does not list the pair among its glossary pairs gives
// no glossary; terms still reach DeepL as ignored tags, and are honoured.
func TestV2PairWithoutGlossaries(t *testing.T) {
	srv := deepltest.NewTestServer(t, deepltest.Options{Key: key, V2Only: true, GlossaryLangs: []string{"de", "fr"}})
	doc, err := run(t, srv, names)
	if err != nil {
		t.Fatal(err)
	}
	termsHonoured(t, doc)
	if st := srv.GlossaryStats(); st.Created != 0 {
		t.Errorf("%d glossaries created for a pair v2 does not serve", st.Created)
	}
	everyRequestCarries(t, srv, 0, "")
}

func TestDryRunCreatesNoGlossary(t *testing.T) {
	srv := deepltest.NewTestServer(t, deepltest.Options{Key: key})
	c, err := deepl.New(backendtest.Config(srv.URL, map[string]string{"auth-key": key}))
	if err != nil {
		t.Fatal(err)
	}
	g, err := glossary.Parse("names.tsv", []byte(names))
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Config{Backend: c, BackendName: "deepl", From: "fr", To: "en", Glossary: g, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Parse("a.txt", []byte(text), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, st, err := p.Document(t.Context(), a, "a.txt"); err != nil || st.Chars == 0 {
		t.Fatalf("dry run: %v, %+v", err, st)
	}
	if n := srv.Stats().Requests; n != 0 {
		t.Errorf("a dry run made %d requests", n)
	}
}

// A refused key or an outage at the glossary endpoints: the error names what
// failed, never the key, and a refused key stops the run's requests; an
// outage is retried.
func TestGlossaryFailures(t *testing.T) {
	t.Run("refused key", func(t *testing.T) {
		srv := deepltest.NewTestServer(t, deepltest.Options{Key: key})
		_, err := run(t, srv, names, func(cfg *pipeline.Config) {
			// Prepare's two listings pass; the glossary listing is refused.
			srv.Inject(servertest.Auth, 1)
		})
		if !errors.Is(err, translate.ErrAuth) || !strings.Contains(err.Error(), "glossar") {
			t.Fatalf("err = %v, want ErrAuth about the glossary", err)
		}
		if strings.Contains(err.Error(), key) || strings.Contains(fmt.Sprintf("%+v %#v", err, err), key) {
			t.Errorf("the key is in the error: %v", err)
		}
		if st := srv.GlossaryStats(); st.Created != 0 || len(st.Translations) != 0 {
			t.Errorf("after a refused key: %+v", st)
		}
	})
	t.Run("outage is retried", func(t *testing.T) {
		srv := deepltest.NewTestServer(t, deepltest.Options{Key: key})
		doc, err := run(t, srv, names, func(*pipeline.Config) { srv.Inject(servertest.Unavailable, 2) })
		if err != nil {
			t.Fatal(err)
		}
		termsHonoured(t, doc)
		if st := srv.GlossaryStats(); st.Created != 1 {
			t.Errorf("%d created after an outage, want 1", st.Created)
		}
	})
}

// Entries: one per source form, cleaned of what DeepL refuses, a duplicate
// source once, in an order that does not depend on the glossary's.
func TestEntries(t *testing.T) {
	terms := []translate.Term{
		{Sources: []string{"Haut-Karabakh", "Haut\tKarabakh"}, Target: "Nagorno-\nKarabakh"},
		{Sources: []string{"  Erevan ", "Erevan"}, Target: "Yerevan"},
		{Sources: []string{"Bakou"}, Target: "Bak\u2028u"},
		{Sources: []string{"Haut-Karabakh"}, Target: "Artsakh"},
		{Sources: []string{"\t"}, Target: "nothing"},
		{Sources: []string{"vide"}, Target: " "},
		{Sources: []string{strings.Repeat("x", deepl.MaxTermBytes+1)}, Target: "long"},
	}
	want := []deepl.Entry{{"Bakou", "Bak u"}, {"Erevan", "Yerevan"}, {"Haut Karabakh", "Nagorno- Karabakh"}, {"Haut-Karabakh", "Artsakh"}}
	got := deepl.Entries(terms)
	if !slices.Equal(got, want) {
		t.Errorf("Entries = %q\nwant      %q", got, want)
	}
	slices.Reverse(terms)
	if again := deepl.Entries(terms); !slices.Equal(again, got) {
		t.Errorf("another order gives %q", again)
	}
	a, b := deepl.GlossaryName("fr", "en", got), deepl.GlossaryName("fr", "de", got)
	if a == b || !strings.HasPrefix(a, "diglot-") || len(a) != len("diglot-")+16 {
		t.Errorf("names %q, %q: want diglot-<16 hex>, one per pair", a, b)
	}
	if deepl.GlossaryName("fr", "en", got[1:]) == a {
		t.Error("other entries, same name")
	}
}

// A v2 glossary DeepL is still preparing is waited for (retried with the
// backend's policy), found again by its name, never created twice, and not
// used before it is ready.
func TestV2GlossaryNotReadyYet(t *testing.T) {
	srv := deepltest.NewTestServer(t, deepltest.Options{Key: key, V2Only: true, NotReady: 2})
	doc, err := run(t, srv, names)
	if err != nil {
		t.Fatal(err)
	}
	termsHonoured(t, doc)
	gs := srv.Glossaries()
	if st := srv.GlossaryStats(); st.Created != 1 || len(gs) != 1 || st.Lists != 4 {
		t.Fatalf("%d created after %d listings, want 1 after 4 (before, then until ready)", st.Created, st.Lists)
	}
	everyRequestCarries(t, srv, 0, gs[0].ID)
}
