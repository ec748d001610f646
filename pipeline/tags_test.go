package pipeline_test

import (
	"context"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/backendtest"
	"github.com/diglot/diglot/translate/deepl"
	"github.com/diglot/diglot/translate/deepl/deepltest"
	"github.com/diglot/diglot/translate/google"
	"github.com/diglot/diglot/translate/google/googletest"
)

// tagArticle has bold, italic, a code span and a link around words the test
// servers move ("le gouvernement français" is "the French government"), a
// term in bold, and elements the servers break: they lose the tags around
// "oublié", the closing tag around "cassé", give the id 99 around
// "inconnu" and repeat the element around "répété".
const tagArticle = "Le **gouvernement** français a dit.\n\n" +
	"Le *président* arménien et `la paix` avec le [ministre](https://ex.fr/le_ministre) français.\n\n" +
	"La **guerre** du **Haut-Karabakh**.\n\n" +
	"Un mot **oublié** est là.\n\n" +
	"Un mot *cassé* est là.\n\n" +
	"Un mot [inconnu](https://ex.fr) est là.\n\n" +
	"Un mot **répété** est là.\n"

// tagBackends are the backends that send paired inline codes as elements.
var tagBackends = []struct {
	name string
	new  func(t *testing.T) translate.Backend
}{
	{"google", func(t *testing.T) translate.Backend {
		srv := googletest.NewTestServer(t, googletest.Options{Key: "gk"})
		c, err := google.New(backendtest.Config(srv.URL, map[string]string{"api-key": "gk"}))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}},
	{"deepl", func(t *testing.T) translate.Backend {
		srv := deepltest.NewTestServer(t, deepltest.Options{Key: "dk:fx"})
		c, err := deepl.New(backendtest.Config(srv.URL, map[string]string{"auth-key": "dk:fx"}))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}},
}

// Inline markup travels as elements that the engine moves with the words
// they wrap, and comes back as the article's markup in the right place; a
// pair the engine lost is a markup-mismatch, and no tag leaks.
func TestMarkupMovesWithItsWords(t *testing.T) {
	want := []struct {
		target string
		lost   string // the markup-mismatch's message, "" for none
	}{
		{"The French **government** has said.", ""},
		{"The Armenian *president* and `la paix` with the French [minister](https://ex.fr/le_ministre).", ""},
		{"The **war** of the **Nagorno-Karabakh**.", ""},
		{"A mot oublié is là.", "lost bold"},
		{"A mot cassé is là.", "lost italic"},
		{"A mot inconnu is là.", "lost link"},
		{"A mot **répété** **répété** is là.", "added bold"},
	}
	for _, b := range tagBackends {
		t.Run(b.name, func(t *testing.T) {
			doc, st, err := newPipeline(t, b.new(t)).Document(context.Background(), parseMD(t, tagArticle), "a.md")
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Segments) != len(want) {
				t.Fatalf("%d segments, want %d", len(doc.Segments), len(want))
			}
			for i, s := range doc.Segments {
				w := want[i]
				if s.Target != w.target {
					t.Errorf("segment %s:\n got %q\nwant %q", s.ID, s.Target, w.target)
				}
				if strings.ContainsAny(s.Target, "<>\uE000\uE001") {
					t.Errorf("segment %s: tag text leaked: %q", s.ID, s.Target)
				}
				var mismatch []string
				for _, is := range s.Issues {
					if is.Rule == "markup-mismatch" {
						mismatch = append(mismatch, is.Message)
					}
				}
				switch {
				case w.lost == "" && len(mismatch) > 0:
					t.Errorf("segment %s: %v", s.ID, mismatch)
				case w.lost != "" && (len(mismatch) != 1 || !strings.Contains(mismatch[0], w.lost)):
					t.Errorf("segment %s: markup-mismatch %v, want one that says %q", s.ID, mismatch, w.lost)
				}
				if w.lost == "" && (len(s.TargetCodes) != len(s.Codes) || !bitext.CodesFit(s.Target, s.TargetCodes)) {
					t.Errorf("segment %s: source codes %+v, target codes %+v", s.ID, s.Codes, s.TargetCodes)
				}
			}
			if st.Rules["markup-mismatch"] != 4 {
				t.Errorf("markup-mismatch counted %d times, want 4", st.Rules["markup-mismatch"])
			}
		})
	}
}
