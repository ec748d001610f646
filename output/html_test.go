package output

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
)

func TestWriteHTMLGolden(t *testing.T) {
	var buf bytes.Buffer
	opt := HTMLOptions{Previous: samplePrevious(t), Generator: "diglot test"}
	if err := WriteHTML(&buf, sampleDoc(t), opt); err != nil {
		t.Fatal(err)
	}
	golden(t, "page.html", buf.Bytes())
}

func renderPage(t *testing.T, d *bitext.Document, opt HTMLOptions) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, d, opt); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestWriteHTML(t *testing.T) {
	plain := func() *bitext.Document {
		return &bitext.Document{
			Schema: bitext.Schema,
			Source: bitext.Source{Path: "a.txt", Lang: "fr"},
			Target: bitext.Target{Lang: "en"},
			Segments: []bitext.Segment{
				{ID: "p1", Kind: bitext.KindParagraph, Source: "Bonjour <b>&</b>", Target: "Hello <script>alert(1)</script>"},
			},
		}
	}
	tests := []struct {
		name    string
		doc     func() *bitext.Document
		opt     HTMLOptions
		want    []string
		notWant []string
	}{
		{
			name: "languages and escaping",
			doc:  plain,
			want: []string{
				`<html lang="en"`, `<td class="src" lang="fr"`, `<td class="tgt" lang="en"`,
				`Bonjour &lt;b&gt;&amp;&lt;/b&gt;`, `Hello &lt;script&gt;alert(1)&lt;/script&gt;`,
				`<title>a.txt · a.txt</title>`, `No problems found.`,
			},
			notWant: []string{`<script>alert`, `class="views"`, `class="rowviews"`},
		},
		{
			name: "views offered only where there is something to compare",
			doc: func() *bitext.Document {
				d := plain()
				d.Segments[0].MT = "Hello"
				return d
			},
			want:    []string{`<button type="button" data-view="mt"`, `Hello<ins> &lt;script&gt;alert(1)&lt;/script&gt;</ins>`},
			notWant: []string{`<button type="button" data-view="prev"`, `<button type="button" data-view="post"`},
		},
		{
			name: "previous edition",
			doc:  plain,
			opt:  HTMLOptions{Previous: plain()},
			want: []string{
				`<button type="button" data-view="prev"`, `<strong>0</strong> changed since the previous edition`,
				`<span class="note">no change</span> Hello &lt;script&gt;`,
			},
		},
		{
			name: "bad term offsets are ignored, good ones marked",
			doc: func() *bitext.Document {
				d := plain()
				d.Segments[0].Source = "Élysée et Élysée"
				d.Segments[0].Target = "Elysee and the ELYSEE palace"
				d.Segments[0].Terms = []bitext.Term{
					{Source: "Élysée", Target: "Elysee", Entry: "Élysée", Start: 1, End: 7}, // inside a character
					{Source: "Élysée", Target: "Elysee", Entry: "Élysée", Start: 12, End: 99},
					{Source: "Élysée", Target: "Elysee", Entry: "Élysée", Start: 12, End: 20},
				}
				return d
			},
			want: []string{
				`Élysée et <mark class="term" tabindex="0" aria-describedby="t-p1-s-1">Élysée<span`,
				`<mark class="term" tabindex="0" aria-describedby="t-p1-t-1">Elysee<span`,
				`the <mark class="term" tabindex="0" aria-describedby="t-p1-t-2">ELYSEE<span`,
			},
			notWant: []string{`t-p1-s-2`},
		},
		{
			name: "generator in the footer",
			doc:  plain,
			opt:  HTMLOptions{Generator: "diglot v9"},
			want: []string{`Written by diglot v9 ·`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := renderPage(t, tt.doc(), tt.opt)
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(page, w) {
					t.Errorf("page has %q", w)
				}
			}
		})
	}
}

// TestHTMLSelfContained checks that the page refers to nothing outside itself:
// every href and src is a fragment or a data: URL, the style sheet imports
// nothing and loads no url(), and a content security policy forbids the rest.
func TestHTMLSelfContained(t *testing.T) {
	page := renderPage(t, sampleDoc(t), HTMLOptions{Previous: samplePrevious(t)})
	attr := regexp.MustCompile(`\s(href|src|action|srcset|poster|data)="([^"]*)"`)
	for _, m := range attr.FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(m[2], "#") && !strings.HasPrefix(m[2], "data:") {
			t.Errorf("%s=%q refers outside the page", m[1], m[2])
		}
	}
	for _, bad := range []string{"@import", "url(", "<iframe", "<img", "<link rel=\"stylesheet\""} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if !strings.Contains(page, `content="default-src 'none';`) {
		t.Error("page has no content security policy forbidding requests")
	}
}

// TestHTMLProblemLinks checks that every problem listed at the top links to a
// row of the page.
func TestHTMLProblemLinks(t *testing.T) {
	page := renderPage(t, sampleDoc(t), HTMLOptions{})
	top := page[strings.Index(page, `<section class="problems"`):strings.Index(page, `</section>`)]
	links := regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(top, -1)
	// The info note stays on its row: the list holds the 3 problems the
	// header counts.
	if len(links) != 3 {
		t.Fatalf("problems list has %d links, want 3", len(links))
	}
	for _, l := range links {
		if !strings.Contains(page, `<tr id="`+l[1]+`"`) {
			t.Errorf("problem link #%s has no row", l[1])
		}
	}
}

func TestHTMLPageFixes(t *testing.T) {
	d := &bitext.Document{
		Schema: bitext.Schema,
		Source: bitext.Source{Path: "a.txt", Lang: "fr"},
		Target: bitext.Target{Lang: "en"},
		Segments: []bitext.Segment{
			{ID: "p1", Kind: bitext.KindParagraph, Source: "En 2020, Nikol Pashinian et le Haut-Karabakh.",
				Target: "In 2020, Nikol Pashinyan and Nagorno-Karabakh.", MT: "In 2020, Nikol Pashinyan and Tall Karabakh.", Origin: "mt",
				Unknown: []string{"2020", "Nikol", "1er"},
				Terms: []bitext.Term{
					{Source: "Pashinian", Target: "Pashinyan", Entry: "Pashinian", Start: 15, End: 24},
					{Source: "Haut-Karabakh", Target: "Nagorno-Karabakh", Entry: "Haut-Karabakh", Start: 31, End: 44},
				}},
		},
	}
	page := renderPage(t, d, HTMLOptions{})
	for _, want := range []string{
		`<span class="how">protected</span> <span lang="fr">Pashinian</span> → <strong>Pashinyan</strong>`,
		`<span class="how repaired">repaired</span> <span lang="fr">Haut-Karabakh</span> → <strong>Nagorno-Karabakh</strong>`,
		`Unknown to the backend: <span class="unknown">Nikol</span></p>`,
		`>Glossary</button>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	for _, bad := range []string{`<span class="unknown" title="not in the backend's dictionary">2020</span>`, `>MT</button>`, `>Edit</button>`} {
		if strings.Contains(page, bad) {
			t.Errorf("the page has %s", bad)
		}
	}
}
