package review

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/diglot/diglot/bitext"
)

func TestNamedGlossaries(t *testing.T) {
	dir := t.TempDir()
	gl := filepath.Join(dir, "names.tsv")
	os.WriteFile(gl, []byte("Bakou\tBaku\n"), 0o644)
	doc := func(glossaries string) string {
		return `{"schema":"diglot.bitext/v1","source":{"path":"a.txt","lang":"fr"},"target":{"lang":"en"},` +
			`"backend":{"name":"fake"},"glossary":[` + glossaries + `],"segments":[]}`
	}
	out := filepath.Join(dir, "out")
	os.MkdirAll(filepath.Join(out, "sub"), 0o755)
	os.WriteFile(filepath.Join(out, "a.fr-en.json"), []byte(doc(`{"path":"`+gl+`"},{"path":"gone.tsv"}`)), 0o644)
	os.WriteFile(filepath.Join(out, "sub", "b.fr-en.json"), []byte(doc(`{"path":"`+gl+`"}`)), 0o644)
	os.WriteFile(filepath.Join(out, "a.fr-en.previous.json"), []byte(doc(`{"path":"`+filepath.Join(dir, "old.tsv")+`"}`)), 0o644)
	got := NamedGlossaries(out)
	if len(got) != 1 || got[0] != gl {
		t.Errorf("NamedGlossaries = %q, want [%q]: once, only files still there", got, gl)
	}
}

func TestServeStopsWithItsContext(t *testing.T) {
	render := func(context.Context, string, *bitext.Document) error { return nil }
	s, err := New(Config{Out: t.TempDir(), Render: render})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/?token=wrong")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		t.Errorf("a wrong token got %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop with its context")
	}
}

func TestRunRefusesABadAddress(t *testing.T) {
	var log bytes.Buffer
	err := Run(context.Background(), Options{Listen: "no-port", Out: t.TempDir(), Log: &log,
		Render: func(context.Context, string, *bitext.Document) error { return nil }})
	var se *SetupError
	if !errors.As(err, &se) || !se.Listen || !strings.HasPrefix(err.Error(), `--listen "no-port": `) {
		t.Errorf("Run(no-port) = %v, want a listen SetupError", err)
	}
}

func TestRunSaysWhereToOpenAndStops(t *testing.T) {
	var log bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Listen: "127.0.0.1:0", Out: t.TempDir(), Log: &log, Ready: func(u string) { urls <- u },
			Render: func(context.Context, string, *bitext.Document) error { return nil }})
	}()
	var u string
	select {
	case u = <-urls:
	case err := <-done:
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "open "+u) || !strings.Contains(log.String(), "no translation memory") {
		t.Errorf("log:\n%s", log.String())
	}
}
