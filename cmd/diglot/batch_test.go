package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/translate/backendtest"
	"github.com/diglot/diglot/translate/deepl/deepltest"
)

// countingServer is a DeepL test server behind a proxy that counts every
// text it is sent, by its content.
type countingServer struct {
	URL  string
	mu   sync.Mutex
	sent map[string]int
	reqs int
}

func newCountingServer(t testing.TB, latency time.Duration) *countingServer {
	t.Helper()
	backend := deepltest.NewTestServer(t, deepltest.Options{Latency: latency})
	target, _ := url.Parse(backend.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	c := &countingServer{sent: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/translate" {
			body, _ := io.ReadAll(r.Body)
			var req struct{ Text []string }
			json.Unmarshal(body, &req)
			c.mu.Lock()
			c.reqs++
			for _, t := range req.Text {
				c.sent[t]++
			}
			c.mu.Unlock()
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c.URL = srv.URL
	return c
}

func (c *countingServer) counts() (requests int, sent map[string]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.sent))
	for k, v := range c.sent {
		out[k] = v
	}
	return c.reqs, out
}

// articles writes n articles of paras paragraphs each into dir/in.
func articles(t *testing.T, dir string, n, paras int) {
	t.Helper()
	files := map[string]string{}
	for a := range n {
		var b strings.Builder
		for p := range paras {
			fmt.Fprintf(&b, "Article %d, paragraphe %d : la guerre est finie.\n", a, p)
		}
		files[fmt.Sprintf("in/a%02d.txt", a)] = b.String()
	}
	writeFiles(t, dir, files)
}

var deeplEnv = map[string]string{"DEEPL_AUTH_KEY": "test-key:fx"}

func TestBatchRerunCostsNothingAndAnEditCostsOneParagraph(t *testing.T) {
	srv := newCountingServer(t, 0)
	dir := t.TempDir()
	articles(t, dir, 5, 4)
	args := []string{"translate", "--backend", "deepl", "--endpoint", srv.URL, "--out", "out", "in"}
	if code, _, stderr := runIn(t, dir, deeplEnv, args...); code != 0 {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	first, _ := srv.counts()
	if first == 0 {
		t.Fatal("the first run made no request")
	}
	code, _, stderr := runIn(t, dir, deeplEnv, args...)
	if n, _ := srv.counts(); code != 0 || n != first {
		t.Fatalf("second run: exit %d, %d more requests\n%s", code, n-first, stderr)
	}
	if !strings.Contains(stderr, "0 articles translated") || !strings.Contains(stderr, "5 unchanged") {
		t.Errorf("summary of the unchanged run:\n%s", stderr)
	}
	// One edited paragraph: one request, holding only it.
	p := filepath.Join(dir, "in", "a02.txt")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(data, []byte("paragraphe 1 : la guerre est finie"), []byte("paragraphe 1 : la paix est revenue"), 1), 0o644)
	if code, _, stderr := runIn(t, dir, deeplEnv, args...); code != 0 {
		t.Fatalf("third run: exit %d\n%s", code, stderr)
	}
	n, sent := srv.counts()
	if n != first+1 || sent["Article 2, paragraphe 1 : la paix est revenue."] != 1 {
		t.Fatalf("edit: %d requests (want %d), sent %v", n, first+1, sent)
	}
	var report edition.Report
	data, err := os.ReadFile(filepath.Join(dir, "out", "run.json"))
	if err != nil || json.Unmarshal(data, &report) != nil {
		t.Fatalf("run.json: %v", err)
	}
	if report.Articles.Done != 1 || report.Articles.Skipped != 4 || report.Segments.Memory != 3 || report.Segments.Backend != 1 || report.Requests != 1 {
		t.Errorf("run report %+v", report)
	}
}

func TestBatchFailingArticleDoesNotStopTheOthers(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"in/a.txt":     "Le président est arrivé.\n",
		"in/b.txt":     "\x00\x01\x02\x03", // binary: an empty one is skipped, not failed
		"in/sub/c.txt": "La guerre est finie.\n",
	})
	code, _, stderr := runIn(t, dir, nil, "translate", "--backend", "fake", "--out", "out", "in")
	if code != exitFailure {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "diglot: failed b.txt: ") || !strings.Contains(stderr, "2 articles translated") {
		t.Errorf("stderr:\n%s", stderr)
	}
	for _, f := range []string{"out/a.fr-en.json", "out/sub/c.fr-en.json", "out/index.html", "out/run.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	index, _ := os.ReadFile(filepath.Join(dir, "out", "index.html"))
	if !bytes.Contains(index, []byte("failed:")) {
		t.Error("the index does not list the failed article")
	}
	// --fail-fast stops at the first failure: with one job, c.txt is not reached.
	code, _, stderr = runIn(t, dir, nil, "translate", "--backend", "fake", "--no-tm", "--force", "--jobs", "1", "--fail-fast", "--out", "out2", "in")
	if code != exitFailure || !strings.Contains(stderr, "1 not reached") {
		t.Errorf("--fail-fast: exit %d\n%s", code, stderr)
	}
}

func TestBatchDryRunEstimatesCost(t *testing.T) {
	dir := t.TempDir()
	articles(t, dir, 3, 2)
	code, stdout, stderr := runIn(t, dir, deeplEnv, "translate", "--backend", "deepl", "--endpoint", "http://127.0.0.1:1", "--dry-run", "--out", "out", "in")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"dry run: 3 articles, 6 segments: 0 from memory, 6 to translate",
		"would send 276 characters to deepl in about 3 requests", "estimated cost: 0.01 EUR (20.00 EUR per million characters)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a dry run wrote outputs")
	}
	if _, err := os.Stat(filepath.Join(dir, ".diglot")); err == nil {
		t.Error("a dry run created a translation memory")
	}
}

// diglotProcess starts diglot as a child process (the test binary itself).
func diglotProcess(t *testing.T, dir string, env map[string]string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DIGLOT_TEST_MAIN=1")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

func waitRequests(t *testing.T, srv *countingServer, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if got, _ := srv.counts(); got >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the server saw fewer than %d requests", n)
}

// assertNoPartialFiles checks that every output file is whole: no temporary
// file is left, and every JSON record parses.
func assertNoPartialFiles(t *testing.T, out string) {
	t.Helper()
	filepath.Walk(out, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if strings.HasSuffix(path, ".tmp") {
			t.Errorf("temporary file left: %s", path)
		}
		if strings.HasSuffix(path, ".fr-en.json") {
			readDoc(t, path)
		}
		return nil
	})
}

// Ctrl-C during a batch: exit 130, complete articles written, no partial
// file; the next run sends only what was not sent, so every paragraph is
// sent exactly once in all.
func TestBatchInterruptAndResumeSendsEachSegmentOnce(t *testing.T) {
	srv := newCountingServer(t, 150*time.Millisecond)
	dir := t.TempDir()
	articles(t, dir, 12, 3)
	args := []string{"translate", "--backend", "deepl", "--endpoint", srv.URL, "--jobs", "2", "--progress", "quiet", "--out", "out", "in"}
	cmd, stderr := diglotProcess(t, dir, deeplEnv, args...)
	waitRequests(t, srv, 3)
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Fatalf("exit %d (%v), want 130\n%s", code, err, stderr)
	}
	if !regexp.MustCompile(`diglot: stopping: finishing (1 request|[02-9] requests) in flight; Ctrl-C again to abandon them\n`).MatchString(stderr.String()) {
		t.Errorf("the first Ctrl-C did not say what happens next:\n%s", stderr)
	}
	assertNoPartialFiles(t, filepath.Join(dir, "out"))
	done, _ := filepath.Glob(filepath.Join(dir, "out", "*.fr-en.json"))
	if len(done) == 0 || len(done) == 12 {
		t.Fatalf("%d articles written before the interrupt: the test did not interrupt mid-batch", len(done))
	}

	if code, _, stderr := runIn(t, dir, deeplEnv, args...); code != 0 {
		t.Fatalf("resumed run: exit %d\n%s", code, stderr)
	}
	_, sent := srv.counts()
	if len(sent) != 36 {
		t.Errorf("%d distinct paragraphs sent, want 36", len(sent))
	}
	for text, n := range sent {
		if n != 1 {
			t.Errorf("%q sent %d times", text, n)
		}
	}
	done, _ = filepath.Glob(filepath.Join(dir, "out", "*.fr-en.json"))
	if len(done) != 12 {
		t.Errorf("%d articles after the resumed run, want 12", len(done))
	}
}

// A run killed outright loses at most the requests in flight; the memory it
// leaves is readable and the next run completes.
func TestBatchKilledLeavesAReadableMemory(t *testing.T) {
	srv := newCountingServer(t, 100*time.Millisecond)
	dir := t.TempDir()
	articles(t, dir, 10, 3)
	args := []string{"translate", "--backend", "deepl", "--endpoint", srv.URL, "--jobs", "2", "--progress", "quiet", "--out", "out", "in"}
	cmd, _ := diglotProcess(t, dir, deeplEnv, args...)
	waitRequests(t, srv, 4)
	cmd.Process.Kill()
	cmd.Wait()
	assertNoPartialFiles(t, filepath.Join(dir, "out"))
	before, _ := srv.counts()
	code, stdout, stderr := runIn(t, dir, nil, "tm", "stats")
	if code != 0 {
		t.Fatalf("tm stats after a kill: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := runIn(t, dir, deeplEnv, args...); code != 0 {
		t.Fatalf("run after a kill: exit %d\n%s", code, stderr)
	}
	after, sent := srv.counts()
	// At most the two requests in flight (of one article each) are sent again.
	resent := 0
	for _, n := range sent {
		resent += n - 1
	}
	if resent > 2*3 || len(sent) != 30 {
		t.Errorf("%d paragraphs sent twice, %d distinct (requests %d then %d)", resent, len(sent), before, after)
	}
}

// A refused key is an input error: one line naming the problem, never the
// key, exit 2, nothing written.
func TestTranslateAuthErrorNeverShowsTheKey(t *testing.T) {
	for _, fault := range []backendtest.Fault{backendtest.Auth, backendtest.Quota} {
		t.Run(string(fault), func(t *testing.T) {
			srv := deepltest.NewTestServer(t, deepltest.Options{Key: "the-secret-key-42:fx"})
			srv.Inject(fault, 100)
			dir := t.TempDir()
			articles(t, dir, 1, 2)
			env := map[string]string{"DEEPL_AUTH_KEY": "the-secret-key-42:fx"}
			code, stdout, stderr := runIn(t, dir, env, "translate", "--backend", "deepl", "--endpoint", srv.URL, "--out", "out", "in")
			if code == 0 || strings.Contains(stderr+stdout, "the-secret-key-42") {
				t.Fatalf("exit %d, output:\n%s%s", code, stdout, stderr)
			}
			if !strings.Contains(stderr, map[backendtest.Fault]string{backendtest.Auth: "authentication failed", backendtest.Quota: "quota exhausted"}[fault]) {
				t.Errorf("stderr does not name the problem:\n%s", stderr)
			}
			if files, _ := filepath.Glob(filepath.Join(dir, "out", "*.json")); len(files) > 0 && fault == backendtest.Auth {
				t.Errorf("files written: %v", files)
			}
			if reqs := srv.Stats().Requests; reqs > 2 {
				t.Errorf("%d requests: an %s error was retried", reqs, fault)
			}
		})
	}
}
