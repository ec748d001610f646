package edition

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/fake"
)

// credentialed is a registry of one backend that needs a credential.
func credentialed(seen *string) *translate.Registry {
	info := fake.Info()
	info.Name = "keyed"
	key := translate.Option{Name: "key", Env: "KEYED_KEY", Sensitive: true, Required: true}
	info.Options = append(info.Options, key)
	newFake := info.New
	info.New = func(cfg translate.Config) (translate.Backend, error) {
		*seen = cfg.Get(key)
		return newFake(cfg)
	}
	return translate.NewRegistry(info)
}

func TestBackendDryRunNeedsNoCredential(t *testing.T) {
	var seen string
	reg := credentialed(&seen)
	none := func(string) string { return "" }
	_, err := Backend(context.Background(), reg, "keyed", translate.Config{Getenv: none}, "fr", "en", false)
	var se *SetupError
	if !errors.As(err, &se) {
		t.Fatalf("without the key: %v, want a *SetupError", err)
	}
	b, err := Backend(context.Background(), reg, "keyed", translate.Config{Getenv: none}, "fr", "en", true)
	if err != nil || b == nil {
		t.Fatalf("dry run without the key: %v", err)
	}
	if seen != dryRunCredential {
		t.Errorf("the dry run's stand-in is %q", seen)
	}
	if _, err := Backend(context.Background(), reg, "nope", translate.Config{Getenv: none}, "fr", "en", true); !errors.Is(err, translate.ErrUnknownBackend) {
		t.Errorf("unknown backend: %v", err)
	}
}

func TestOpenMemory(t *testing.T) {
	dir := t.TempDir()
	loc := filepath.Join(dir, "tm.db")
	if m, created, err := OpenMemory(loc, true); m != nil || created || err != nil {
		t.Fatalf("dry run: %v %v %v, want no memory", m, created, err)
	}
	if _, err := os.Stat(loc); err == nil {
		t.Fatal("a dry run created the memory")
	}
	m, created, err := OpenMemory(loc, false)
	if err != nil || !created {
		t.Fatalf("first open: created %v, %v", created, err)
	}
	m.Close()
	m, created, err = OpenMemory(loc, false)
	if err != nil || created {
		t.Fatalf("second open: created %v, %v", created, err)
	}
	m.Close()
	if m, _, err := OpenMemory("", false); m != nil || err != nil {
		t.Errorf("no location: %v %v", m, err)
	}
	var se *SetupError
	if _, _, err := OpenMemory(filepath.Join(dir, "missing", "dir", "tm.db"), false); err != nil && !errors.As(err, &se) {
		t.Errorf("unopenable memory: %v, want a *SetupError", err)
	}
}

func TestFailedError(t *testing.T) {
	r := &Report{}
	if err := r.FailedError(); err != nil {
		t.Errorf("no failure: %v", err)
	}
	r.Articles.Failed = 1
	if err := r.FailedError(); err == nil || err.Error() != "1 article failed" {
		t.Errorf("one failure: %v", err)
	}
	r.Articles.Failed = 3
	if err := r.FailedError(); err == nil || err.Error() != "3 articles failed" {
		t.Errorf("three failures: %v", err)
	}
}
