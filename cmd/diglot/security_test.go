package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Language codes name the output files: one that is not a BCP 47 tag, from
// the command line or the configuration file, is a usage error before
// anything is written.
func TestLanguageCodesAreTags(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		config string
		want   string
	}{
		{"from flag", []string{"--from", "fr/../../../evil2"}, "", `--from "fr/../../../evil2": not a BCP 47`},
		{"to flag", []string{"--to", `..\evil`}, "", `--to "..\\evil": not a BCP 47`},
		{"empty", []string{"--to", ""}, "", `--to "": not a BCP 47`},
		{"config", nil, "to: ../../evil3\n", `diglot.yaml: to: "../../evil3": not a BCP 47`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			work := filepath.Join(dir, "work")
			writeFiles(t, work, map[string]string{"a.txt": "Texte.\n"})
			if tt.config != "" {
				writeFiles(t, work, map[string]string{"diglot.yaml": tt.config})
			}
			args := append([]string{"translate", "--backend", "fake", "--no-tm"}, tt.args...)
			code, _, stderr := runIn(t, work, nil, append(args, "a.txt")...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want 2 and one line with %q", code, stderr, tt.want)
			}
			var written []string
			filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
				if err == nil && !info.IsDir() && info.Name() != "a.txt" && info.Name() != "diglot.yaml" {
					written = append(written, p)
				}
				return nil
			})
			if len(written) > 0 {
				t.Errorf("files were written: %v", written)
			}
		})
	}
}
