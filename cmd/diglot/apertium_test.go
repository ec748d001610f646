package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diglot/diglot/translate/apertium/apytest"
)

// readTargets returns the targets of an output JSON.
func readTargets(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Segments []struct {
			Target string `json:"target"`
		} `json:"segments"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := make([]string, len(doc.Segments))
	for i, s := range doc.Segments {
		out[i] = s.Target
	}
	return out
}

// A paragraph with no punctuation far over APY's request size is cut where
// it is safe and translated whole, as Apertium itself would translate it.
func TestAPYTranslatesALongUnpunctuatedParagraph(t *testing.T) {
	url := apytest.Start(t)
	dir := t.TempDir()
	para := strings.TrimSpace(strings.Repeat("le président accueille les dirigeants arméniens à la frontière ", 330))
	if len(para) < 20000 {
		t.Fatalf("paragraph of %d bytes", len(para))
	}
	writeFiles(t, dir, map[string]string{"long.txt": para + "\n"})
	code, _, stderr := runIn(t, dir, nil, "translate", "--endpoint", url, "--no-tm", "--format", "json", "--out", "out", "long.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	targets := readTargets(t, filepath.Join(dir, "out", "long.fr-en.json"))
	if len(targets) != 1 {
		t.Fatalf("%d segments", len(targets))
	}
	if n := strings.Count(strings.ToLower(targets[0]), "president"); n != 330 {
		t.Logf("%s", targets[0])
		t.Errorf("the translation has %d of the 330 repetitions: APY dropped part of the paragraph", n)
	}
}

// APY killed in the middle of a run and started again on the same port
// within Apertium's retry budget: the run succeeds and writes every article.
func TestAPYKilledAndRestartedMidRun(t *testing.T) {
	srv := apytest.StartServer(t)
	dir := t.TempDir()
	const n = 40
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("in/a%02d.txt", i)] = fmt.Sprintf("Article %d\n\nLe président russe accueille les dirigeants à Sotchi pour la %dᵉ fois. Le numéro %d est arrivé.\n", i, i, i)
	}
	writeFiles(t, dir, files)
	var finished, killedEarly atomic.Bool
	restarted := make(chan struct{})
	go func() {
		defer close(restarted)
		// Kill APY once the run is under way, and start it again soon after.
		out := filepath.Join(dir, "out")
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			if m, _ := filepath.Glob(filepath.Join(out, "*.json")); len(m) > 0 {
				break
			}
		}
		srv.Kill()
		killedEarly.Store(!finished.Load())
		time.Sleep(500 * time.Millisecond)
		srv.Restart()
	}()
	code, _, stderr := runIn(t, dir, nil, "translate", "--endpoint", srv.URL, "--jobs", "2", "--no-tm", "--format", "json", "--out", "out", "in")
	finished.Store(true)
	<-restarted
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !killedEarly.Load() {
		t.Fatal("the run ended before APY was killed: nothing was tested")
	}
	for i := range n {
		targets := readTargets(t, filepath.Join(dir, "out", fmt.Sprintf("a%02d.fr-en.json", i)))
		if len(targets) != 2 || !strings.Contains(targets[1], fmt.Sprint(i)) {
			t.Errorf("article %d: targets %q", i, targets)
		}
	}
}

// The words Apertium did not know are shown again when the translation
// comes from the memory.
func TestUnknownWordsComeBackFromTheMemory(t *testing.T) {
	if _, err := exec.LookPath("apertium"); err != nil {
		t.Skip("apertium is not installed (make test-deps)")
	}
	dir := t.TempDir()
	para := "Le ministre Zorglubinet est arrivé à Paris.\n"
	writeFiles(t, dir, map[string]string{"a/x.txt": para, "b/x.txt": para})
	unknown := func(path string) []string {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Segments []struct {
				Unknown []string `json:"unknown"`
				Origin  string   `json:"origin"`
			} `json:"segments"`
		}
		if err := json.Unmarshal(data, &doc); err != nil || len(doc.Segments) != 1 {
			t.Fatalf("%s: %v", path, err)
		}
		return append(doc.Segments[0].Unknown, "origin="+doc.Segments[0].Origin)
	}
	for _, in := range []string{"a", "b"} {
		if code, _, stderr := runIn(t, dir, nil, "translate", "--tm", "tm.db", "--format", "json", "--out", "out-"+in, in); code != 0 {
			t.Fatalf("%s: exit %d: %s", in, code, stderr)
		}
	}
	first, second := unknown(filepath.Join(dir, "out-a", "x.fr-en.json")), unknown(filepath.Join(dir, "out-b", "x.fr-en.json"))
	if strings.Join(first, ",") != "Zorglubinet,origin=mt" || strings.Join(second, ",") != "Zorglubinet,origin=tm" {
		t.Errorf("unknown words: first run %q, from the memory %q", first, second)
	}
}
