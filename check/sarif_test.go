package check

import (
	"bytes"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestSARIFStructure decodes the SARIF output generically and checks the
// properties SARIF 2.1.0 requires and GitHub code scanning reads, without
// fetching the schema.
func TestSARIFStructure(t *testing.T) {
	r := sample(t, Options{})
	r.Findings = append(r.Findings, Finding{File: "/abs/a b.json", Line: 0, Rule: Untranslated, Severity: Error, Message: "m"})
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, r, "dev"); err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	str := func(m any, path ...string) string {
		for _, p := range path {
			mm, ok := m.(map[string]any)
			if !ok {
				return ""
			}
			m = mm[p]
		}
		s, _ := m.(string)
		return s
	}
	list := func(m any, key string) []any {
		l, _ := m.(map[string]any)[key].([]any)
		return l
	}
	if v := str(log, "version"); v != "2.1.0" {
		t.Errorf("version %q", v)
	}
	if !strings.Contains(str(log, "$schema"), "sarif-2.1.0") {
		t.Errorf("$schema %q", str(log, "$schema"))
	}
	runs := list(log, "runs")
	if len(runs) != 1 {
		t.Fatalf("%d runs", len(runs))
	}
	driver := runs[0].(map[string]any)["tool"].(map[string]any)["driver"]
	if str(driver, "name") != "diglot" {
		t.Errorf("driver name %q", str(driver, "name"))
	}
	levels := []string{"none", "note", "warning", "error"}
	var ids []string
	for i, rule := range list(driver, "rules") {
		id := str(rule, "id")
		ids = append(ids, id)
		for _, p := range [][]string{{"shortDescription", "text"}, {"fullDescription", "text"}, {"help", "text"}, {"help", "markdown"}} {
			if str(rule, p...) == "" {
				t.Errorf("rule %d (%s): no %s", i, id, strings.Join(p, "."))
			}
		}
		if !slices.Contains(levels, str(rule, "defaultConfiguration", "level")) {
			t.Errorf("rule %s: defaultConfiguration.level %q", id, str(rule, "defaultConfiguration", "level"))
		}
	}
	if !slices.Equal(ids, RuleIDs()) {
		t.Errorf("rules %q, want %q", ids, RuleIDs())
	}
	results := list(runs[0], "results")
	if len(results) != len(r.Findings) {
		t.Fatalf("%d results for %d findings", len(results), len(r.Findings))
	}
	for i, res := range results {
		f := r.Findings[i]
		m := res.(map[string]any)
		if str(m, "ruleId") != f.Rule || int(m["ruleIndex"].(float64)) != ruleIndex(f.Rule) || ids[ruleIndex(f.Rule)] != f.Rule {
			t.Errorf("result %d: ruleId %q ruleIndex %v, want %s", i, str(m, "ruleId"), m["ruleIndex"], f.Rule)
		}
		if !slices.Contains(levels, str(m, "level")) || str(m, "message", "text") == "" {
			t.Errorf("result %d: level %q message %q", i, str(m, "level"), str(m, "message", "text"))
		}
		if fp, _ := m["partialFingerprints"].(map[string]any); len(fp) == 0 {
			t.Errorf("result %d: no partialFingerprints", i)
		}
		locs := list(m, "locations")
		if len(locs) != 1 {
			t.Fatalf("result %d: %d locations", i, len(locs))
		}
		phys := locs[0].(map[string]any)["physicalLocation"]
		uri := str(phys, "artifactLocation", "uri")
		u, err := url.Parse(uri)
		if err != nil || strings.Contains(uri, `\`) {
			t.Errorf("result %d: uri %q: %v", i, uri, err)
			continue
		}
		switch {
		case strings.HasPrefix(f.File, "/"):
			if u.Scheme != "file" || u.Path != f.File {
				t.Errorf("result %d: absolute %s as %q", i, f.File, uri)
			}
		case u.Scheme != "" || u.Path != f.File || str(phys, "artifactLocation", "uriBaseId") != "%SRCROOT%":
			t.Errorf("result %d: %s as %q, want a relative reference based at %%SRCROOT%%", i, f.File, uri)
		}
		line, _ := phys.(map[string]any)["region"].(map[string]any)["startLine"].(float64)
		if line < 1 || (f.Line >= 1 && int(line) != f.Line) {
			t.Errorf("result %d: startLine %v for line %d", i, line, f.Line)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	r := &Report{Findings: []Finding{{File: "a,b:c%.xlf", Line: 3, Rule: NumberMismatch, Severity: Warning,
		Message: "100% wrong\r\nsecond: line, here"}}}
	var buf bytes.Buffer
	if err := WriteGitHub(&buf, r); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=a%2Cb%3Ac%25.xlf,line=3,title=number-mismatch::100%25 wrong%0D%0Asecond: line, here\n"
	if first, _, _ := strings.Cut(buf.String(), "\n"); first+"\n" != want {
		t.Errorf("got %q, want %q", first, want)
	}
}
