package settings

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/translate"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFindWalksUpToTheGitTop(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, FileName), "from: fr\n")
	write(t, filepath.Join(root, "proj", ".git", "HEAD"), "ref\n")
	deep := filepath.Join(root, "proj", "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Find(deep); got != "" {
		t.Errorf("Find crossed the top of the git working tree: %q", got)
	}
	write(t, filepath.Join(root, "proj", FileName), "to: en\n")
	if got, want := Find(deep), filepath.Join("..", "..", FileName); got != want {
		t.Errorf("Find = %q, want %q", got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, text, want string }{
		{"misspelled key", "glosary: [a.tsv]\n", `:1: unknown key "glosary" (did you mean "glossary"?)`},
		{"nested key", "check:\n  disabel: [x]\n", `:2: unknown key "disabel" (did you mean "disable"?)`},
		{"wrong kind", "glossary: 3\n", ":1: the number 3 is not a list, as expected here"},
		{"not yaml", "from: [\n", "diglot.yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, FileName)
			write(t, p, tt.text)
			_, err := Load(p)
			var se *Error
			if !errors.As(err, &se) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load: %v, want an *Error holding %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "settings.") || strings.Contains(err.Error(), "main.") {
				t.Errorf("the message names a Go type: %v", err)
			}
		})
	}
}

func TestLoadMakesGlossaryPathsRelativeToTheFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "conf", FileName)
	write(t, p, "glossary: [names.tsv]\n")
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(filepath.Dir(p), "names.tsv"); len(c.Glossary) != 1 || c.Glossary[0] != want {
		t.Errorf("Glossary = %q, want [%q]", c.Glossary, want)
	}
}

func TestEffectiveOrigins(t *testing.T) {
	c := &File{Path: "diglot.yaml", To: "de", Backend: "DeepL", Backends: map[string]map[string]string{"deepl": {"formality": "more"}}}
	got := c.Effective(Given{From: Flag{"es", true}, To: Flag{"en", false}, Backend: Flag{"apertium", false},
		TM: "m.db", TMOrigin: "default", TMState: " (not created yet)"})
	want := []Setting{
		{"from", "es", "flag --from"},
		{"to", "de", "config file diglot.yaml"},
		{"backend", "deepl", "config file diglot.yaml"},
		{"glossary", "none", "default"},
		{"tm", "m.db (not created yet)", "default"},
		{"backends.deepl.formality", "more", "config file diglot.yaml"},
	}
	if len(got) != len(want) {
		t.Fatalf("Effective = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("setting %d = %q, want %q", i, got[i], want[i])
		}
	}
	var b bytes.Buffer
	if err := c.WriteEffective(&b, true, got); err != nil || !strings.HasPrefix(b.String(), "config file: diglot.yaml (--config)\n\n") {
		t.Errorf("WriteEffective: %v\n%s", err, b.String())
	}
}

func TestImplicitAddressGetsNoCredential(t *testing.T) {
	info := translate.Info{Options: []translate.Option{
		{Name: "auth-key", Env: "KEY", Sensitive: true},
		{Name: "url", Env: "URL"},
	}}
	env := func(k string) string { return map[string]string{"KEY": "secret"}[k] }
	c := &File{Path: "diglot.yaml", Implicit: true, Backends: map[string]map[string]string{"x": {"url": "https://evil.example/v2"}}}
	o, err := c.BackendOptions("x", nil)
	if err != nil {
		t.Fatal(err)
	}
	err = o.CheckAddresses(info, false, env)
	if err == nil || !strings.Contains(err.Error(), "evil.example") || strings.Contains(err.Error(), "secret") {
		t.Errorf("CheckAddresses = %v, want a refusal naming the host and no secret", err)
	}
	if err := o.CheckAddresses(info, true, env); err != nil {
		t.Errorf("with --endpoint: %v", err)
	}
	o, _ = c.BackendOptions("x", []string{"url=https://mine.example"})
	if err := o.CheckAddresses(info, false, env); err != nil || o.Values["url"] != "https://mine.example" {
		t.Errorf("--option wins: %v, %q", err, o.Values)
	}
	c.Implicit = false
	o, _ = c.BackendOptions("x", nil)
	if err := o.CheckAddresses(info, false, env); err != nil {
		t.Errorf("a named file is trusted: %v", err)
	}
	if _, err := c.BackendOptions("x", []string{"novalue"}); err == nil {
		t.Error("--option without = accepted")
	}
}

func TestWriteStarter(t *testing.T) {
	p := filepath.Join(t.TempDir(), FileName)
	if err := WriteStarter(p); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil || c.From != "fr" || c.Backend != "apertium" {
		t.Fatalf("the starter file does not load as the defaults: %+v, %v", c, err)
	}
	if err := WriteStarter(p); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second WriteStarter = %v, want fs.ErrExist", err)
	}
}

func TestCheckLang(t *testing.T) {
	for _, ok := range []string{"fr", "pt-BR", "zh-Hant"} {
		if err := CheckLang("--from", ok); err != nil {
			t.Errorf("CheckLang(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "fr/../../x", "f r"} {
		if err := CheckLang("--from", bad); err == nil {
			t.Errorf("CheckLang(%q) accepted", bad)
		}
	}
}

func TestResolveAgreesWithEffective(t *testing.T) {
	c := &File{Path: "d.yaml", To: "de", Backend: "DeepL", Glossary: []string{"file.tsv"}}
	for _, g := range []Given{
		{From: Flag{"fr", false}, To: Flag{"en", false}, Backend: Flag{"apertium", false}},
		{From: Flag{"es", true}, To: Flag{"it", true}, Backend: Flag{"libre", true}, Glossary: []string{"flag.tsv"}, GlossarySet: true},
	} {
		r := c.Resolve(g)
		eff := c.Effective(g)
		if r.From != eff[0].Value || r.To != eff[1].Value || r.Backend != eff[2].Value || strings.Join(r.Glossary, ", ") != eff[3].Value {
			t.Errorf("Resolve = %+v, Effective says %q", r, eff[:4])
		}
	}
}

func TestAnnounce(t *testing.T) {
	var b bytes.Buffer
	(&File{Path: filepath.Join("..", FileName), Implicit: true}).Announce(&b, false)
	(&File{Path: FileName, Implicit: true}).Announce(&b, false)
	(&File{Path: filepath.Join("..", FileName)}).Announce(&b, false)
	(&File{Path: filepath.Join("..", FileName), Implicit: true}).Announce(&b, true)
	if want := "diglot: using the configuration " + filepath.Join("..", FileName) + "\n"; b.String() != want {
		t.Errorf("Announce wrote %q, want %q (once: found above, not quiet)", b.String(), want)
	}
}
