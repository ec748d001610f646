package check

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/glossary"
)

// Number findings say what the target should hold, and never call one
// number both missing and added.
func TestNumberMessage(t *testing.T) {
	tests := []struct{ src, tgt, want string }{
		{"Il y a 2.000 morts.", "There are 2.000 dead.", "French 2.000 is 2000; write 2,000 in English (the target's 2.000 reads as 2)"},
		{"6 500 réfugiés", "6,050 refugees", "French 6 500 is 6500; write 6,500 in English; the target's 6,050 is not in the source"},
		{"12,5 %", "1.25%", "French 12,5 is 12.5; write 12.5 in English; the target's 1.25 is not in the source"},
		{"90 personnes", "people", "90 is in the source, not in the target"},
		{"Rien.", "100 things, 7 ways.", "the target's 100, 7 are not in the source"},
		{"6 500 réfugiés", "6,500 refugees", ""},
	}
	for _, tt := range tests {
		got := numberMessage(tt.src, "fr", tt.tgt, "en")
		if got != tt.want {
			t.Errorf("numberMessage(%q, %q)\n got %q\nwant %q", tt.src, tt.tgt, got, tt.want)
		}
		if strings.Contains(got, "in the source, not in the target;") && strings.Contains(got, "in the target, not in the source") {
			t.Errorf("numberMessage(%q, %q) = %q: contradicts itself", tt.src, tt.tgt, got)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct{ value, lang, want string }{
		{"2000", "en", "2,000"}, {"2000", "fr", "2 000"}, {"-6500000", "en", "-6,500,000"},
		{"12.5", "en", "12.5"}, {"12.5", "fr-FR", "12,5"}, {"100", "en", "100"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.value, tt.lang); got != tt.want {
			t.Errorf("formatNumber(%q, %q) = %q, want %q", tt.value, tt.lang, got, tt.want)
		}
	}
}

// writeDoc writes a one-segment bitext JSON record of article a.txt.
func writeDoc(t *testing.T, path, src, tgt string) {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"schema": "diglot.bitext/v1", "source": map[string]any{"path": "a.txt"},
		"segments": []map[string]any{{"id": "p1", "source": src, "target": tgt, "line": 3}}})
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFindingsSayWhereAndHow(t *testing.T) {
	dir := t.TempDir()
	writeDoc(t, filepath.Join(dir, "a.fr-en.json"), "Ilham Aliyev est arrivé.", "Ilham Aliev arrived.")
	g, err := glossary.Parse("names.tsv", []byte("Aliyev\tAliyev\n"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), []Input{{Path: filepath.Join(dir, "a.fr-en.json"), Name: "a.fr-en.json"}},
		Options{Glossary: g, Rules: []string{TermMissing}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 {
		t.Fatalf("findings %+v, want 1", r.Findings)
	}
	f := r.Findings[0]
	if f.Message != `"Aliyev" should stay "Aliyev" in the target (the glossary keeps it untranslated)` {
		t.Errorf("message %q", f.Message)
	}
	if f.Segment != "p1" || f.Article != "a.txt" || f.SourceLine != 3 || !strings.HasPrefix(f.Fix, "Use the glossary's target") {
		t.Errorf("finding %+v: want segment p1, article a.txt, source line 3 and the rule's fix", f)
	}
	var text, gh strings.Builder
	WriteText(&text, r)
	WriteGitHub(&gh, r)
	if !strings.Contains(text.String(), "(segment p1, source a.txt:3)\n") || !strings.Contains(text.String(), "  fix term-missing: Use the glossary") {
		t.Errorf("text output lacks the segment, source line or fix:\n%s", text.String())
	}
	if !strings.Contains(gh.String(), "(segment p1, source a.txt:3)%0Afix: Use the glossary") {
		t.Errorf("github output lacks the segment, source line or fix:\n%s", gh.String())
	}
}

// A problem of one article comes out once however many of its formats are
// checked; findings of one file are all kept.
func TestFindingsOncePerArticle(t *testing.T) {
	dir := t.TempDir()
	writeDoc(t, filepath.Join(dir, "out", "a.fr-en.json"), "Le Kremlin a réagi.", "Le Kremlin a réagi.")
	writeDoc(t, filepath.Join(dir, "out", "b.fr-en.json"), "Le Kremlin a réagi.", "Le Kremlin a réagi.")
	inputs := []Input{
		{Path: filepath.Join(dir, "out", "a.fr-en.json"), Name: "out/a.fr-en.json"},
		{Path: filepath.Join(dir, "out", "b.fr-en.json"), Name: "out/b.fr-en.json"},
	}
	r, err := Run(context.Background(), inputs, Options{Rules: []string{Untranslated}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 2 || r.Summary.Repeated != 0 {
		t.Fatalf("two articles: %d findings, %d repeated; want 2, 0", len(r.Findings), r.Summary.Repeated)
	}
	// The same finding from a's other formats, as their readers name it.
	f := r.Findings
	f = append(f, Finding{File: "out/a.fr-en.xlf", Segment: "p1", Rule: Untranslated, Message: f[0].Message},
		Finding{File: "out/a.fr-en.tmx", Segment: "a.txt#p1", Rule: Untranslated, Message: f[0].Message},
		Finding{File: "out/a.fr-en.tmx", Segment: "a.txt#p2", Rule: Untranslated, Message: f[0].Message})
	c := &checker{}
	kept := c.dedupe(f)
	if len(kept) != 3 || c.report.Summary.Repeated != 2 {
		t.Errorf("dedupe kept %d (%d repeated), want 3 (2 repeated): %+v", len(kept), c.report.Summary.Repeated, kept)
	}
}

// Without a glossary the term rules cannot run: the summary says so.
func TestTermRulesSkippedWithoutGlossary(t *testing.T) {
	dir := t.TempDir()
	writeDoc(t, filepath.Join(dir, "a.fr-en.json"), "Le Kremlin a réagi.", "The Kremlin reacted.")
	in := []Input{{Path: filepath.Join(dir, "a.fr-en.json"), Name: "a.fr-en.json"}}
	r, err := Run(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Summary.Skipped, ","); got != "term-missing,term-forbidden,source-variant" {
		t.Errorf("skipped %q", got)
	}
	if !strings.Contains(r.Summary.String(), "not run for want of a glossary (--glossary FILE): term-missing") {
		t.Errorf("summary %q", r.Summary)
	}
	r, _ = Run(context.Background(), in, Options{Rules: []string{Untranslated}})
	if len(r.Summary.Skipped) != 0 {
		t.Errorf("--rules untranslated: skipped %q, want none", r.Summary.Skipped)
	}
}
