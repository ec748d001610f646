package check

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/internal/testkit"
)

// sample runs check over testdata/sample with its glossary.
func sample(t *testing.T, opts Options) *Report {
	t.Helper()
	r, _ := runDir(t, filepath.Join("testdata", "sample"), "names.tsv", opts)
	return r
}

// runDir runs check over a folder of testdata with the glossary file of the
// folder, returning the report and the inputs.
func runDir(t *testing.T, dir, glossaryFile string, opts Options) (*Report, []Input) {
	t.Helper()
	g, err := glossary.Load(filepath.Join(dir, glossaryFile))
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := Collect([]string{dir}, "fr", "en")
	if err != nil {
		t.Fatal(err)
	}
	opts.Glossary = g
	r, err := Run(context.Background(), inputs, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r, inputs
}

func TestGolden(t *testing.T) {
	r := sample(t, Options{})
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, r, format, "v1.0.0"); err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, filepath.Join("testdata", "golden", "sample."+format), buf.Bytes())
		})
	}
}

func TestSilencing(t *testing.T) {
	rules := func(r *Report) []string {
		var out []string
		for _, f := range r.Findings {
			out = append(out, f.Segment+" "+f.Rule)
		}
		return out
	}
	tests := []struct {
		name           string
		opts           Options
		want           []string
		note, config   int
		errors, warns  int
		failsOnWarning bool
	}{
		{
			name: "defaults",
			want: []string{"p1 term-missing", "p1 source-variant", "p1 number-mismatch", "u1 target-inconsistent",
				"u3 number-mismatch", "u3 markup-mismatch"},
			note: 2, errors: 4, warns: 2,
		},
		{
			name: "rules subset",
			opts: Options{Rules: []string{NumberMismatch}},
			want: []string{"p1 number-mismatch", "u3 number-mismatch"},
			note: 1, errors: 2,
		},
		{
			name: "disabled by config",
			opts: Options{Disable: []string{TargetInconsistent, SourceVariant}},
			want: []string{"p1 term-missing", "p1 number-mismatch", "u3 number-mismatch", "u3 markup-mismatch"},
			note: 2, config: 2, errors: 4,
		},
		{
			name: "severity changed",
			opts: Options{Rules: []string{NumberMismatch}, Severity: map[string]Severity{NumberMismatch: Warning}},
			want: []string{"p1 number-mismatch", "u3 number-mismatch"},
			note: 1, warns: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sample(t, tt.opts)
			if got := rules(r); !slices.Equal(got, tt.want) {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
			s := r.Summary
			if s.Silenced.Note != tt.note || s.Silenced.Config != tt.config || s.Silenced.Total != tt.note+tt.config {
				t.Errorf("silenced %+v, want %d by note and %d by config", s.Silenced, tt.note, tt.config)
			}
			if s.Errors != tt.errors || s.Warnings != tt.warns {
				t.Errorf("%d errors, %d warnings, want %d and %d", s.Errors, s.Warnings, tt.errors, tt.warns)
			}
			if r.Fails(Error) != (tt.errors > 0) || r.Fails(Warning) != (tt.errors+tt.warns > 0) {
				t.Errorf("Fails(error) = %t, Fails(warning) = %t", r.Fails(Error), r.Fails(Warning))
			}
		})
	}
}

func TestParseIgnore(t *testing.T) {
	tests := []struct {
		notes []string
		all   bool
		rules []string
	}{
		{[]string{"checked"}, false, nil},
		{[]string{"diglot-ignore"}, true, nil},
		{[]string{"Diglot-Ignore, reviewed"}, true, nil},
		{[]string{"diglot-ignore: number-mismatch"}, false, []string{"number-mismatch"}},
		{[]string{"diglot-ignore: number-mismatch, untranslated (proper name)"}, false, []string{"number-mismatch", "untranslated"}},
		{[]string{"diglot-ignore:term-missing,term-forbidden"}, false, []string{"term-missing", "term-forbidden"}},
		{[]string{"diglot-ignore: reviewed by the desk"}, true, nil},
		{[]string{"a", "note diglot-ignore: markup-mismatch"}, false, []string{"markup-mismatch"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.notes, "|"), func(t *testing.T) {
			s := parseIgnore(tt.notes...)
			if s.all != tt.all || !slices.Equal(s.rules, tt.rules) {
				t.Errorf("parseIgnore(%q) = %+v, want all=%t rules=%q", tt.notes, s, tt.all, tt.rules)
			}
		})
	}
}

func TestConfigApply(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"valid", Config{Disable: []string{SourceVariant}, Severity: map[string]string{NumberMismatch: "warning"}}, ""},
		{"unknown disabled rule", Config{Disable: []string{"spelling"}}, `check.disable: unknown rule "spelling"`},
		{"unknown severity rule", Config{Severity: map[string]string{"spelling": "error"}}, `check.severity: unknown rule "spelling"`},
		{"bad severity", Config{Severity: map[string]string{Untranslated: "fatal"}}, `check.severity.untranslated: unknown severity "fatal"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o Options
			err := tt.cfg.Apply(&o)
			if tt.wantErr == "" {
				if err != nil || !slices.Equal(o.Disable, tt.cfg.Disable) || o.Severity[NumberMismatch] != Warning {
					t.Errorf("Apply = %v, options %+v", err, o)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Apply = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestParseRuleList(t *testing.T) {
	if got, err := ParseRuleList("number-mismatch, untranslated,number-mismatch"); err != nil || !slices.Equal(got, []string{NumberMismatch, Untranslated}) {
		t.Errorf("ParseRuleList = %q, %v", got, err)
	}
	for _, bad := range []string{"", " , ", "number-mismatch,spelling"} {
		if _, err := ParseRuleList(bad); err == nil {
			t.Errorf("ParseRuleList(%q) accepted", bad)
		}
	}
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"a.fr-en.json", "a.fr-en.md", "a.fr-en.html", "a.txt", "b/c.xlf", "b/d.tmx", "b/e.xliff", "b/notes.json",
		"b/f.md", ".git/x.xlf", "b/g.de-en.json", "b/h.FR-EN.json",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inputs, err := Collect([]string{dir, filepath.Join(dir, "b", "notes.json"), filepath.Join(dir, "a.txt")}, "fr", "en")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range inputs {
		rel, _ := filepath.Rel(dir, in.Path)
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{"a.fr-en.json", "a.txt", "b/c.xlf", "b/d.tmx", "b/e.xliff", "b/f.md", "b/h.FR-EN.json", "b/notes.json"}
	if !slices.Equal(got, want) {
		t.Errorf("Collect = %q, want %q", got, want)
	}
	for _, bad := range [][]string{{filepath.Join(dir, "a.fr-en.html")}, {filepath.Join(dir, "missing")}} {
		if _, err := Collect(bad, "fr", "en"); err == nil {
			t.Errorf("Collect(%q) accepted", bad)
		}
	}
}

func TestSourceVariantAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	doc := func(name, src, tgt string) string {
		p := filepath.Join(dir, name)
		b, _ := json.Marshal(map[string]any{"schema": "diglot.bitext/v1",
			"segments": []map[string]string{{"id": "p1", "source": src, "target": tgt}}})
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	g, err := glossary.Parse("names.tsv", []byte("Pachinian\tPashinyan\nPashinian\tPashinyan\nPachinyan\tPashinyan\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		files [][2]string
		want  string
	}{
		{"canonical elsewhere", [][2]string{{"Pachinian parle.", "Pashinyan speaks."}, {"Pashinian parle.", "Pashinyan speaks."}},
			`"Pashinian" is a variant spelling of "Pachinian", which is used at a.json:1`},
		{"other variant elsewhere", [][2]string{{"Pachinyan parle.", "Pashinyan speaks."}, {"Pashinian parle.", "Pashinyan speaks."}},
			`"Pashinian" is a variant spelling of "Pachinian"; another spelling, "Pachinyan", is used at a.json:1`},
		{"alone", [][2]string{{"Rien.", "Nothing."}, {"Pashinian parle.", "Pashinyan speaks."}},
			`"Pashinian" is a variant spelling of "Pachinian"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inputs := []Input{
				{Path: doc("a.json", tt.files[0][0], tt.files[0][1]), Name: "a.json"},
				{Path: doc("b.json", tt.files[1][0], tt.files[1][1]), Name: "b.json"},
			}
			r, err := Run(context.Background(), inputs, Options{Glossary: g, Rules: []string{SourceVariant}})
			if err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, f := range r.Findings {
				if f.File == "b.json" {
					msgs = append(msgs, f.Message)
				}
			}
			if len(msgs) != 1 || msgs[0] != tt.want {
				t.Errorf("b.json findings %q, want %q", msgs, tt.want)
			}
		})
	}
}
