package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/translate"
)

// runIn runs diglot in dir with args and returns its exit code and output.
func runIn(t *testing.T, dir string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code = newApp(strings.NewReader(""), &out, &errb, getenv).run(append([]string{"diglot"}, args...))
	return code, out.String(), errb.String()
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Bad input gets one clear line on stderr naming the file and place, exit
// code 2, and no output at all.
func TestTranslateInputErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"ok.txt":     "Le président est arrivé à Erevan.\n",
		"binary.txt": "\x00\x01\x02ELF\x00\x00\xff\xfe" + strings.Repeat("\x00", 64),
		"latin.txt":  "\x81\x8d\x8f\x90\x9d garbage \x81\x8d",
		"bad.tsv":    "Erevan\tYerevan\nBakou\tBaku\nSotchi\n",
		"notes.pdf":  "%PDF-1.4",
		"dir/x.md":   "---\ntitle: [unclosed\n---\nTexte.\n",
	})
	tests := []struct {
		name string
		args []string
		want string // regexp the single stderr line must match
	}{
		{"missing path", []string{"translate", "nosuch.txt"}, `^diglot: nosuch.txt: no such file or directory$`},
		{"binary file", []string{"translate", "binary.txt"}, `^diglot: binary.txt: .*binary`},
		{"undecodable text", []string{"translate", "latin.txt"}, `^diglot: latin.txt: .*`},
		{"not an article", []string{"translate", "notes.pdf"}, `^diglot: notes.pdf: not an article`},
		{"bad front matter", []string{"translate", "dir/x.md"}, `^diglot: dir/x.md:\d+: `},
		{"glossary line", []string{"translate", "--glossary", "bad.tsv", "ok.txt"}, `^diglot: bad.tsv:3: `},
		{"missing glossary", []string{"translate", "--glossary", "nope.tsv", "ok.txt"}, `nope.tsv`},
		{"unknown backend", []string{"translate", "--backend", "babel", "ok.txt"}, `^diglot: unknown backend "babel" \(want one of apertium, `},
		{"misspelled backend", []string{"translate", "--backend", "Deepel", "ok.txt"}, `^diglot: unknown backend "deepel" \(did you mean "deepl"\?\)$`},
		{"unknown format", []string{"translate", "--format", "pdf", "ok.txt"}, `^diglot: --format: unknown format "pdf"`},
		{"no path", []string{"translate"}, `no PATH given`},
		{"unknown flag", []string{"translate", "--colour", "ok.txt"}, `^diglot: unknown flag --colour \(see diglot translate --help\)$`},
		{"misspelled flag", []string{"translate", "ok.txt", "--glosary", "x.tsv"}, `^diglot: unknown flag --glosary \(did you mean --glossary\?\)$`},
		{"bad option", []string{"translate", "--option", "speed", "ok.txt"}, `--option "speed": want NAME=VALUE`},
		{"credential as option", []string{"translate", "--backend", "deepl", "--option", "auth-key=sk-123", "ok.txt"}, `^diglot: backend deepl: option auth-key: is a credential: set \$DEEPL_AUTH_KEY instead$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runIn(t, dir, nil, append([]string{tt.args[0], "--out", "out"}, tt.args[1:]...)...)
			if code != exitUsage {
				t.Errorf("exit code %d, want 2; stderr:\n%s", code, stderr)
			}
			lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
			if !regexp.MustCompile(tt.want).MatchString(lines[0]) {
				t.Errorf("stderr %q does not match %q", stderr, tt.want)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stdout, "panic") {
				t.Errorf("panic: %s", stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
				t.Errorf("out/ was created")
				os.RemoveAll(filepath.Join(dir, "out"))
			}
		})
	}
}

func TestTranslateUnsupportedPairListsPairs(t *testing.T) {
	needApertium(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"ok.txt": "Bonjour.\n"})
	code, _, stderr := runIn(t, dir, nil, "translate", "--to", "ja", "--out", "out", "ok.txt")
	if code != exitUsage || !regexp.MustCompile(`^diglot: apertium: language pair fr-ja not available \(available: .*fra-eng`).MatchString(stderr) {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func needApertium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat("/usr/share/apertium/modes/fr-es.mode"); err != nil {
		t.Skip("Apertium's fr-es pair is not installed (make test-deps installs it)")
	}
}

func TestUnknownCommandIsAUsageError(t *testing.T) {
	code, _, stderr := runIn(t, t.TempDir(), nil, "tranlsate", "a.txt")
	if code != exitUsage || !strings.Contains(stderr, `unknown command "tranlsate"`) {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	code, stdout, _ := runIn(t, t.TempDir(), nil)
	if code != 0 || !strings.Contains(stdout, "translate") {
		t.Fatalf("no command: exit %d, stdout %q", code, stdout)
	}
}

// Every exit code comes from exitCode, from the errors commands and
// libraries return; what it does not know is a failure (1), never a usage
// error.
func TestExitCode(t *testing.T) {
	disk := &fs.PathError{Op: "write", Path: "out/a.fr-en.json", Err: syscall.ENOSPC}
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"success", nil, exitOK},
		{"full disk", fmt.Errorf("writing run report: %w", disk), exitFailure},
		{"unknown", errors.New("boom"), exitFailure},
		{"findings", errFindings, exitFailure},
		{"usage", badUsage("--jobs: 0: want 1 or more"), exitUsage},
		{"input", &edition.InputError{Err: errors.New("a.pdf: not an article")}, exitUsage},
		{"glossary", &glossary.FileError{Err: errors.New("bad.tsv:3: 1 column")}, exitUsage},
		{"missing file", fmt.Errorf("x: %w", fs.ErrNotExist), exitUsage},
		{"unsupported pair", fmt.Errorf("apertium: %w", translate.ErrUnsupportedPair), exitUsage},
		{"refused key", fmt.Errorf("deepl: %w", translate.ErrAuth), exitUsage},
		{"other article", fmt.Errorf("diff: %w", output.ErrOtherArticle), exitUsage},
		{"files refused, reported", &reported{badInput(errors.New("refused"))}, exitUsage},
		{"interrupted", fmt.Errorf("%w: run again", edition.ErrInterrupted), exitInterrupted},
		{"cancelled", context.Canceled, exitInterrupted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exitCode(tt.err); got != tt.want {
				t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}
