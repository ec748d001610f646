package pipeline_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/diglot/diglot/article"
	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/fake"
)

const mdArticle = "Le **président** du **Haut-Karabakh** est *en guerre*.\n\n" +
	"La commande `la paix` et [le conflit](https://ex.fr/le_conflit) **du** Haut-Karabagh.\n"

func parseMD(t *testing.T, text string) *article.Article {
	t.Helper()
	a, err := article.Parse("a.md", []byte(text), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// recorder keeps what the fake backend was sent.
type recorder struct {
	fake.Backend
	sent []translate.Segment
}

func (r *recorder) Translate(ctx context.Context, req *translate.Request) ([]translate.Result, error) {
	r.sent = append(r.sent, req.Segments...)
	return r.Backend.Translate(ctx, req)
}

func TestMarkdownCodesSurviveTranslation(t *testing.T) {
	b := &recorder{}
	doc, _, err := newPipeline(t, b).Document(context.Background(), parseMD(t, mdArticle), "a.md")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"The **president** of the **Nagorno-Karabakh** is *in war*.",
		"The commande `la paix` and [the conflict](https://ex.fr/le_conflit) **of the** Nagorno-Karabakh.",
	}
	for i, s := range doc.Segments {
		if s.Target != want[i] {
			t.Errorf("segment %s:\n got %q\nwant %q", s.ID, s.Target, want[i])
		}
		if len(s.Codes) == 0 || len(s.TargetCodes) != len(s.Codes) {
			t.Errorf("segment %s: %d source codes, %d target codes", s.ID, len(s.Codes), len(s.TargetCodes))
		}
		for k, c := range s.TargetCodes {
			if c.ID != s.Codes[k].ID || c.Kind != s.Codes[k].Kind {
				t.Errorf("segment %s: target code %+v does not match source code %+v", s.ID, c, s.Codes[k])
			}
		}
		if !bitext.CodesFit(s.Source, s.Codes) || !bitext.CodesFit(s.Target, s.TargetCodes) {
			t.Errorf("segment %s: codes do not fit", s.ID)
		}
		for _, is := range s.Issues {
			if is.Rule == "markup-mismatch" {
				t.Errorf("segment %s: %s", s.ID, is.Message)
			}
		}
	}
	// The words glued to markup went to the engine as words, the markup
	// protected (so the URL and the code span were never translated).
	for _, s := range b.sent {
		if strings.Contains(s.Text, "**président") || !strings.Contains(translate.Protect(s), "président") && strings.Contains(s.Text, "président") {
			t.Errorf("sent %q", s.Text)
		}
		if p := translate.Protect(s); strings.Contains(p, "ex.fr") || strings.Contains(p, "`") || strings.Contains(p, "*") {
			t.Errorf("markup reached the engine: %q", p)
		}
	}
}

// lossy drops every protected span's placeholder: an engine that loses the
// markup (and, translated again without placeholders, still drops it).
type lossy struct{ fake.Backend }

var placeholderWord = regexp.MustCompile(`(?i)\s*zxq\d+qxz`)

func (l *lossy) Translate(ctx context.Context, req *translate.Request) ([]translate.Result, error) {
	out := make([]translate.Result, len(req.Segments))
	for i, s := range req.Segments {
		out[i].Text = placeholderWord.ReplaceAllString(fake.Words(s.Text), "")
	}
	return out, nil
}

func TestLostMarkupIsAnIssue(t *testing.T) {
	doc, st, err := newPipeline(t, &lossy{}).Document(context.Background(), parseMD(t, "Le *président* est là.\n"), "a.md")
	if err != nil {
		t.Fatal(err)
	}
	s := doc.Segments[0]
	var found bool
	for _, is := range s.Issues {
		found = found || is.Rule == "markup-mismatch" && strings.Contains(is.Message, "italic")
	}
	if !found || st.Rules["markup-mismatch"] != 1 {
		t.Errorf("target %q, issues %+v: no markup-mismatch", s.Target, s.Issues)
	}
}

func TestPlainTextHasNoCodes(t *testing.T) {
	doc, _, err := newPipeline(t, &fake.Backend{}).Document(context.Background(), parse(t, "Le **président** est là.\n"), "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if s := doc.Segments[0]; len(s.Codes)+len(s.TargetCodes) != 0 {
		t.Errorf("a .txt article got codes: %+v", s)
	}
}

// A paragraph cut into several requests keeps markup that spans them.
func TestMarkdownCodesAcrossPieces(t *testing.T) {
	b := &recorder{Backend: fake.Backend{Lim: translate.Limits{MaxSegmentChars: 60}}}
	src := "**Le président est au Haut-Karabakh. La guerre est là.** Le `conflit` et *la paix*.\n"
	doc, _, err := newPipeline(t, b).Document(context.Background(), parseMD(t, src), "a.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.sent) < 2 {
		t.Fatalf("sent %d pieces, want the paragraph cut", len(b.sent))
	}
	want := "**The president is to the Nagorno-Karabakh. The war is là.** The `conflit` and *the peace*."
	if s := doc.Segments[0]; s.Target != want || len(s.TargetCodes) != len(s.Codes) {
		t.Errorf("target %q\nwant   %q\ncodes %+v", s.Target, want, s.TargetCodes)
	}
}
