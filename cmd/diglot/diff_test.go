package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/output"
)

// twoParagraphs is a two-paragraph edition of article a.txt with the given targets.
func twoParagraphs(path string, targets ...string) *bitext.Document {
	d := &bitext.Document{
		Schema:  bitext.Schema,
		Source:  bitext.Source{Path: path, Lang: "fr", SHA256: "00"},
		Target:  bitext.Target{Lang: "en"},
		Backend: bitext.Backend{Name: "apertium"},
	}
	sources := []string{"Le chat dort sur le tapis.", "Le chien aboie."}
	for i, t := range targets {
		d.Segments = append(d.Segments, bitext.Segment{
			ID: "p" + string(rune('1'+i)), Kind: bitext.KindParagraph, Source: sources[i], Target: t, Origin: "mt",
		})
	}
	return d
}

func writeEdition(t *testing.T, dir, name string, d *bitext.Document) string {
	t.Helper()
	var buf bytes.Buffer
	var err error
	if strings.HasSuffix(name, ".xlf") {
		err = output.WriteXLIFF(&buf, d)
	} else {
		err = bitext.Write(&buf, d)
	}
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDiffCommand(t *testing.T) {
	dir := t.TempDir()
	mt := writeEdition(t, dir, "mt.fr-en.json", twoParagraphs("a.txt", "The cat sleeps on the carpet.", "The dog barks."))
	same := writeEdition(t, dir, "same.fr-en.json", twoParagraphs("a.txt", "The cat sleeps on the carpet.", "The dog barks."))
	edited := writeEdition(t, dir, "edited.fr-en.json", twoParagraphs("a.txt", "The cat sleeps on the rug.", "The dog barks."))
	editedXLF := writeEdition(t, dir, "edited.fr-en.xlf", twoParagraphs("a.txt", "The cat sleeps on the rug.", "The dog barks."))
	other := writeEdition(t, dir, "other.fr-en.json", twoParagraphs("b.txt", "The cat sleeps on the carpet.", "The dog barks."))
	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte(`{"schema": "diglot.bitext/v1", "segments": [`), 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     []string
		stderr     []string
		noStdout   []string
		jsonChange int // for --format json: the changed count expected
	}{
		{
			name:   "identical editions",
			args:   []string{mt, same},
			code:   0,
			stdout: []string{"no changes\n", "0 of 2 segments changed; 0 word edits over 9 words: HTER 0.0%\n"},
		},
		{
			name: "one word post-edited",
			args: []string{mt, edited},
			code: 0,
			stdout: []string{
				"p1  changed\n  - The cat sleeps on the [-carpet-].\n  + The cat sleeps on the {+rug+}.\n",
				"1 of 2 segments changed; 1 word edits over 9 words: HTER 11.1%\n",
			},
			noStdout: []string{"p2", "\x1b["},
		},
		{
			name:   "XLIFF from a CAT tool against the JSON",
			args:   []string{mt, editedXLF},
			code:   0,
			stdout: []string{"+ The cat sleeps on the {+rug+}.", "HTER 11.1%"},
		},
		{
			name:       "json",
			args:       []string{"--format", "json", mt, edited},
			code:       0,
			stdout:     []string{`"id": "p1"`, `"hter": 0.1111111111111111`},
			stderr:     []string{"diglot: 1 of 2 segments changed"},
			jsonChange: 1,
		},
		{
			name:   "html",
			args:   []string{"--format=html", mt, edited},
			code:   0,
			stdout: []string{"<!DOCTYPE html>", "<ins>rug</ins>", "<del>carpet</del>"},
			stderr: []string{"HTER 11.1%"},
		},
		{
			name:   "missing file",
			args:   []string{mt, filepath.Join(dir, "nope.json")},
			code:   2,
			stderr: []string{"diglot: open ", "nope.json: no such file or directory"},
		},
		{
			name:   "another article",
			args:   []string{mt, other},
			code:   2,
			stderr: []string{"not the same article: old edition is of a.txt, new edition of b.txt"},
		},
		{
			name:   "not a bitext file",
			args:   []string{broken, mt},
			code:   2,
			stderr: []string{"broken.json: bitext:"},
		},
		{
			name:   "one argument",
			args:   []string{mt},
			code:   2,
			stderr: []string{"diff: want OLD and NEW, got 1 arguments"},
		},
		{
			name:   "unknown format",
			args:   []string{"--format", "pdf", mt, edited},
			code:   2,
			stderr: []string{`unknown format "pdf"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			env := func(string) string { return "" }
			code := newApp(strings.NewReader(""), &stdout, &stderr, env).run(append([]string{"diglot", "diff"}, tt.args...))
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstderr: %s", code, tt.code, stderr.String())
			}
			for _, w := range tt.stdout {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout.String())
				}
			}
			for _, w := range tt.noStdout {
				if strings.Contains(stdout.String(), w) {
					t.Errorf("stdout has %q:\n%s", w, stdout.String())
				}
			}
			for _, w := range tt.stderr {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
				}
			}
			if tt.code != 0 && stdout.Len() != 0 {
				t.Errorf("failed run wrote to stdout:\n%s", stdout.String())
			}
			if tt.jsonChange != 0 {
				var out struct {
					Stats struct{ Changed int }
				}
				if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
					t.Fatalf("stdout is not JSON: %v", err)
				}
				if out.Stats.Changed != tt.jsonChange {
					t.Errorf("json stats.changed = %d, want %d", out.Stats.Changed, tt.jsonChange)
				}
			}
		})
	}
}
