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
