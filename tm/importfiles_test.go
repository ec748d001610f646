package tm

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportFilesReportsEachFileAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	m, err := Open(filepath.Join(dir, "tm.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	var out, log bytes.Buffer
	s, err := m.ImportFiles(context.Background(), []string{"a.fr-en.json", filepath.Join(dir, "missing.xlf")}, ImportOptions{}, &out, &log)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Failed || s.Refused {
		t.Errorf("summary %+v, want failed, nothing refused", s)
	}
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "a.fr-en.json: tm import reads XLIFF") || !strings.Contains(lines[1], "missing.xlf") {
		t.Errorf("log:\n%s", log.String())
	}
	if out.Len() != 0 {
		t.Errorf("a report for a file not imported: %q", out.String())
	}
}
