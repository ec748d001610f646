package tm

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestStatsWriteText(t *testing.T) {
	var b bytes.Buffer
	s := Stats{Path: "m.db", Schema: 3, SizeBytes: 3 << 20, Machine: 2, Pairs: []string{"fr-en"},
		Backends: map[string]int{"fake": 1, "apertium": 1}, Updated: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	if err := s.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"memory    m.db (3.0 MiB, schema 3)\n", "pairs     fr-en\n", "backends  apertium 1, fake 1\n", "updated   2026-01-02T03:04:05Z\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("stats lack %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	Stats{Path: "e.db"}.WriteText(&b)
	if !strings.Contains(b.String(), "pairs     none\n") || !strings.Contains(b.String(), "updated   never\n") {
		t.Errorf("empty stats:\n%s", b.String())
	}
}

func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1536: "1.5 KiB", 5 << 20: "5.0 MiB"} {
		if got := ByteSize(n); got != want {
			t.Errorf("ByteSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestImportReportWriteText(t *testing.T) {
	var b bytes.Buffer
	r := ImportReport{Path: "a.xlf", Taken: 1, Skipped: 2, Refused: []Refusal{{Unit: "u\x1b[31m1", Source: "Le", Reason: ReasonCopy}}}
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	if !strings.HasPrefix(got, "a.xlf: taken 1, unchanged 0, refused 1 (2 without a target)\n  refused ") || strings.Contains(got, "\x1b") {
		t.Errorf("report:\n%q", got)
	}
}
