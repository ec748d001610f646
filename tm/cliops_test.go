package tm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenExistingCreatesNothing(t *testing.T) {
	loc := filepath.Join(t.TempDir(), "tm.db")
	if _, err := OpenExisting(loc); !errors.Is(err, ErrNoMemory) {
		t.Fatalf("OpenExisting(missing) = %v, want ErrNoMemory", err)
	}
	if _, err := os.Stat(loc); err == nil {
		t.Fatal("OpenExisting created the memory")
	}
	m, err := Open(loc)
	if err != nil {
		t.Fatal(err)
	}
	m.Close()
	if m, err = OpenExisting(loc); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	var b bytes.Buffer
	if err := m.ExportTo(context.Background(), &b, "", ExportOptions{}); err != nil || !strings.Contains(b.String(), "<tmx") {
		t.Errorf("ExportTo(stdout): %v\n%s", err, b.String())
	}
	out := filepath.Join(t.TempDir(), "m.tmx")
	if err := m.ExportTo(context.Background(), nil, out, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(out); !bytes.Equal(data, b.Bytes()) {
		t.Error("the file export differs from the stream export")
	}
	s, _ := m.Stats(context.Background())
	b.Reset()
	var back Stats
	if err := s.WriteJSON(&b); err != nil || json.Unmarshal(b.Bytes(), &back) != nil || back.Path != s.Path {
		t.Errorf("WriteJSON: %v\n%s", err, b.String())
	}
}

func TestCopyIntoAndState(t *testing.T) {
	dir := t.TempDir()
	src, err := Open(filepath.Join(dir, "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst := filepath.Join(dir, "b.db")
	if LocationState(dst) != " (not created yet)" || LocationState("postgres://h/db") != "" {
		t.Errorf("State before: %q", LocationState(dst))
	}
	line, err := src.CopyInto(context.Background(), dst)
	if err != nil || !strings.HasPrefix(line, "copied 0 machine, 0 approved (0 in history), 0 occurrences from ") {
		t.Errorf("CopyInto: %q, %v", line, err)
	}
	if LocationState(dst) != "" {
		t.Errorf("State after: %q", LocationState(dst))
	}
	var oe *OpenError
	if _, err := src.CopyInto(context.Background(), filepath.Join(dir, "no", "such", "dir", "c.db")); err != nil && !errors.As(err, &oe) {
		t.Errorf("unopenable destination: %v, want an *OpenError", err)
	}
	var b bytes.Buffer
	if err := src.WriteStats(context.Background(), &b, false); err != nil || !strings.HasPrefix(b.String(), "memory ") {
		t.Errorf("WriteStats: %v\n%s", err, b.String())
	}
}
