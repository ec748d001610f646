package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/diglot/diglot/edition"
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

// libreEcho speaks LibreTranslate's API with its own types. A text holding
// ÉCHEC is refused with an error body that echoes what the client sent: the
// Authorization header (Basic, from the endpoint's user information), the
// api_key and a URL with user information, as a careless server would.
func libreEcho(t *testing.T) *httptest.Server {
	type language struct {
		Code    string   `json:"code"`
		Name    string   `json:"name"`
		Targets []string `json:"targets"`
	}
	type translateBody struct {
		Q      []string `json:"q"`
		Source string   `json:"source"`
		Target string   `json:"target"`
		Format string   `json:"format"`
		APIKey string   `json:"api_key"`
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == "GET" && r.URL.Path == "/languages":
			json.NewEncoder(w).Encode([]language{{"fr", "French", []string{"en"}}, {"en", "English", []string{"fr"}}})
		case r.Method == "POST" && r.URL.Path == "/translate":
			var b translateBody
			if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
				t.Errorf("bad request body: %v", err)
			}
			for _, q := range b.Q {
				if strings.Contains(q, "ÉCHEC") {
					user, pass, _ := r.BasicAuth()
					w.WriteHeader(http.StatusBadRequest)
					fmt.Fprintf(w, `{"error": "refused: Authorization: %s; api_key=%s; from http://%s:%s@%s/translate"}`,
						r.Header.Get("Authorization"), b.APIKey, user, pass, r.Host)
					return
				}
			}
			out := make([]string, len(b.Q))
			for i, q := range b.Q {
				out[i] = "EN " + q
			}
			json.NewEncoder(w).Encode(map[string][]string{"translatedText": out})
		default:
			t.Errorf("unexpected request %s %s", r.Method, r.URL)
			http.Error(w, "unexpected", http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Credentials in an endpoint or an option URL, and whatever a server echoes,
// reach none of the places diglot prints or stores: stderr, every JSON
// output, run.json, index.html, the memory and its export.
func TestCredentialsAreNeverStoredOrPrinted(t *testing.T) {
	const pass, key = "PASS-u7Wq", "LKEY-3xZ9"
	basic := base64.StdEncoding.EncodeToString([]byte("u:" + pass))
	srv := libreEcho(t)
	dir := t.TempDir()
	// The refusal names api_key, so it reads as a refused key, which stops the
	// run's requests: the article that succeeds goes first, alone.
	writeFiles(t, dir, map[string]string{"in/a-ok.txt": "Bonjour.\n", "in/fail.txt": "ÉCHEC du serveur.\n"})
	endpoint := strings.Replace(srv.URL, "http://", "http://u:"+pass+"@", 1)
	env := map[string]string{"LIBRETRANSLATE_API_KEY": key}
	code, stdout, stderr := runIn(t, dir, env, "translate", "--backend", "libre", "--endpoint", endpoint,
		"--tm", "tm.db", "--progress", "lines", "--jobs", "1", "in")
	if code != exitFailure {
		t.Fatalf("exit %d, want 1 (one article failed); stderr:\n%s", code, stderr)
	}
	places := map[string]string{"stdout": stdout, "stderr": stderr}
	filepath.Walk(filepath.Join(dir, "out"), func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := os.ReadFile(p)
			places[p] = string(data)
		}
		return nil
	})
	_, export, _ := runIn(t, dir, nil, "tm", "export", "--tm", "tm.db")
	places["tm export"] = export
	if !strings.Contains(places[filepath.Join(dir, "out", "run.json")], "refused") {
		t.Errorf("run.json does not report the failure:\n%s", places[filepath.Join(dir, "out", "run.json")])
	}
	if !strings.Contains(export, "EN Bonjour") {
		t.Errorf("the memory export lacks the translation:\n%s", export)
	}
	for where, text := range places {
		for _, secret := range []string{pass, key, basic} {
			if strings.Contains(text, secret) {
				t.Errorf("%s holds the credential %q:\n%s", where, secret, text)
			}
		}
	}
}

func TestSettingsHoldNoCredential(t *testing.T) {
	s := edition.Settings(map[string]string{"base-url": "http://u:PASS@host/v1?api_key=KEY&api-version=2"}, "http://v:PW@h:1/?token=T")
	for _, secret := range []string{"PASS", "KEY", "PW", "=T"} {
		if strings.Contains(s, secret) {
			t.Errorf("settings %q hold %q", s, secret)
		}
	}
	if !strings.Contains(s, "base-url=http://host/v1?api-version=2") {
		t.Errorf("settings %q lost what is not a credential", s)
	}
}

// A diglot.yaml found in the working directory (a cloned repository's) may
// not send a credential to an address it names; named with --config, or
// with the address on the command line, it may.
func TestImplicitConfigAddressGetsNoCredential(t *testing.T) {
	var sawKey atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.Header.Get("Authorization"), "ok-secret") {
			sawKey.Store(true)
		}
		http.Error(w, "no", http.StatusTeapot)
	}))
	defer srv.Close()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Texte.\n",
		"diglot.yaml": "backend: openai\nbackends:\n  openai: {base-url: '" + srv.URL + "/v1', model: m}\n"})
	env := map[string]string{"OPENAI_API_KEY": "ok-secret"}
	code, _, stderr := runIn(t, dir, env, "translate", "--no-tm", "a.txt")
	if code != exitUsage || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "diglot.yaml: backends.openai.base-url") ||
		!strings.Contains(stderr, "127.0.0.1") || !strings.Contains(stderr, "--config diglot.yaml") {
		t.Errorf("exit %d, stderr %q: want 2 and one line naming the file, the host and the way out", code, stderr)
	}
	if sawKey.Load() {
		t.Fatal("the key was sent to the address of an implicit configuration file")
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("outputs were written")
	}
	// Named explicitly, the file is the user's: the request goes.
	_, _, stderr = runIn(t, dir, env, "translate", "--no-tm", "--config", "diglot.yaml", "a.txt")
	if strings.Contains(stderr, "found in the working directory") || !sawKey.Load() {
		t.Errorf("with --config the address is allowed; stderr %q", stderr)
	}
	// Without a credential, nothing is at stake.
	code, _, stderr = runIn(t, dir, nil, "translate", "--no-tm", "a.txt")
	if strings.Contains(stderr, "found in the working directory") {
		t.Errorf("refused without a credential: exit %d, %q", code, stderr)
	}
}

// SIGTERM while the backend is being set up (a language listing that hangs)
// ends diglot with the interrupted code, 130, as Ctrl-C does, not 143.
func TestSIGTERMBeforeTheBatch(t *testing.T) {
	listing := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/languages" {
			t.Errorf("unexpected request %s", r.URL)
		}
		listing <- struct{}{}
		<-r.Context().Done() // hangs until the client gives up
	}))
	defer srv.Close()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Texte.\n"})
	cmd, stderr := diglotProcess(t, dir, nil, "translate", "--backend", "libre", "--endpoint", srv.URL, "--no-tm", "a.txt")
	select {
	case <-listing:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("diglot never listed the languages; stderr:\n%s", stderr)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitInterrupted {
		t.Fatalf("wait: %v, want exit %d; stderr:\n%s", err, exitInterrupted, stderr)
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr %q does not say it was interrupted", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("outputs were written")
	}
}
