package rule

import (
	"encoding/json"
	"testing"
)

func TestAll(t *testing.T) {
	want := []string{"term-missing", "term-forbidden", "source-variant", "untranslated",
		"number-mismatch", "target-inconsistent", "markup-mismatch"}
	all := All()
	if len(all) != len(want) {
		t.Fatalf("All() has %d rules, want %d", len(all), len(want))
	}
	for i, d := range all {
		if d.ID != want[i] {
			t.Errorf("All()[%d] = %q, want %q", i, d.ID, want[i])
		}
		if s, ok := DefaultSeverity(d.ID); !ok || s != d.Severity || (s != Warning && s != Error) {
			t.Errorf("DefaultSeverity(%q) = %v, %v", d.ID, s, ok)
		}
	}
	if _, ok := DefaultSeverity("note"); ok {
		t.Error(`DefaultSeverity("note") is known`)
	}
	all[0].ID = "changed"
	if All()[0].ID != TermMissing {
		t.Error("All returns the package's own slice")
	}
}

func TestSeverityText(t *testing.T) {
	b, err := json.Marshal(map[string]Severity{"a": Warning, "b": Error})
	if err != nil || string(b) != `{"a":"warning","b":"error"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var m map[string]Severity
	if err := json.Unmarshal(b, &m); err != nil || m["a"] != Warning || m["b"] != Error {
		t.Fatalf("Unmarshal = %v, %v", m, err)
	}
	if err := json.Unmarshal([]byte(`"info"`), new(Severity)); err == nil {
		t.Error(`"info" decodes as a severity`)
	}
	if _, err := json.Marshal(Severity(0)); err == nil {
		t.Error("the zero severity encodes")
	}
}
