package review

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/internal/atomicfile"
	"github.com/diglot/diglot/tm"
)

// article is a small translated article: p2 carries the Haut-Karabakh term,
// p3 a number, p4 is a code block.
func article() *bitext.Document {
	return &bitext.Document{
		Schema: bitext.Schema,
		Source: bitext.Source{Path: "monde/karabakh.txt", Lang: "fr", SHA256: "abc", Title: "Le Karabakh"},
		Target: bitext.Target{Lang: "en", Title: "Karabakh"},
		Segments: []bitext.Segment{
			{ID: "p1", Kind: bitext.KindTitle, Source: "Le Karabakh", Target: "Karabakh", Origin: "mt", MT: "Karabakh"},
			{ID: "p2", Kind: bitext.KindParagraph, Source: "Le Haut-Karabakh est calme.", Target: "Nagorno-Karabakh is calm.",
				MT: "Tall Karabakh is calm.", Origin: "mt",
				Terms: []bitext.Term{{Source: "Haut-Karabakh", Target: "Nagorno-Karabakh", Entry: "Haut-Karabakh", Start: 3, End: 16}}},
			{ID: "p3", Kind: bitext.KindParagraph, Source: "Il y a 120 000 habitants.", Target: "There are 120,000 inhabitants.", MT: "There are 120,000 inhabitants.", Origin: "mt"},
			{ID: "p4", Kind: bitext.KindCode, Source: "x := 1", Target: "x := 1", Origin: "copy"},
		},
	}
}

type fixture struct {
	t       testing.TB
	out     string
	srv     *Server
	http    *httptest.Server
	client  *http.Client // holds the cookie once authenticated
	memory  *tm.Memory
	renders int
}

const file = "monde/karabakh.fr-en.json"

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{t: t, out: t.TempDir()}
	if err := os.MkdirAll(filepath.Join(f.out, "monde"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeDoc(t, filepath.Join(f.out, file), article())
	var err error
	if f.memory, err = tm.Open(filepath.Join(t.TempDir(), "tm.db")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.memory.Close() })
	gl, err := glossary.Load(filepath.Join("..", "testdata", "glossary", "names.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	f.srv, err = New(Config{Out: f.out, Memory: f.memory, Glossary: gl, Editor: "ed",
		Now: func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) },
		Render: func(ctx context.Context, jsonPath string, d *bitext.Document) error {
			f.renders++
			writeDoc(t, jsonPath, d)
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.srv.Close() })
	f.http = httptest.NewServer(f.srv)
	t.Cleanup(f.http.Close)
	jar, _ := cookiejar.New(nil)
	f.client = &http.Client{Jar: jar}
	resp, err := f.client.Get(f.http.URL + "/?token=" + f.srv.Token())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("with the token: %s", resp.Status)
	}
	return f
}

func writeDoc(t testing.TB, path string, d *bitext.Document) {
	t.Helper()
	if err := atomicfile.Write(path, func(w io.Writer) error { return bitext.Write(w, d) }); err != nil {
		t.Fatal(err)
	}
}

func readDoc(t testing.TB, path string) *bitext.Document {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	d, err := bitext.Read(fh)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// post sends an API request with the page's CSRF token.
func (f *fixture) post(path string, form url.Values) (int, map[string]any) {
	f.t.Helper()
	req, _ := http.NewRequest("POST", f.http.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-CSRF-Token", f.srv.csrf)
	resp, err := f.client.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		f.t.Fatalf("%s: %s: %v", path, resp.Status, err)
	}
	return resp.StatusCode, v
}

func (f *fixture) version() string {
	f.t.Helper()
	data, err := os.ReadFile(filepath.Join(f.out, file))
	if err != nil {
		f.t.Fatal(err)
	}
	return version(data)
}

func (f *fixture) approvedCount() int {
	f.t.Helper()
	st, err := f.memory.Stats(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return st.Approved
}

func TestSaveStoresThePostEdit(t *testing.T) {
	f := newFixture(t)
	before := f.approvedCount()
	code, v := f.post("/api/save", url.Values{"f": {file}, "segment": {"p2"}, "text": {"Nagorno-Karabakh is quiet.\r\n"}, "version": {f.version()}})
	if code != http.StatusOK {
		t.Fatalf("save: %d %v", code, v)
	}
	d := readDoc(t, filepath.Join(f.out, file))
	s := d.Segments[1]
	if s.Target != "Nagorno-Karabakh is quiet." || s.Origin != "approved" {
		t.Errorf("target %q origin %q, want the post-edit, approved", s.Target, s.Origin)
	}
	if s.Machine != "Nagorno-Karabakh is calm." || s.MT != "Tall Karabakh is calm." {
		t.Errorf("machine %q mt %q: the machine output is not kept", s.Machine, s.MT)
	}
	want := bitext.PostEdit{Text: "Nagorno-Karabakh is quiet.", By: "ed", At: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)}
	if s.PostEdit == nil || *s.PostEdit != want {
		t.Errorf("post_edit = %+v, want %+v", s.PostEdit, want)
	}
	if got := f.approvedCount(); got != before+1 {
		t.Errorf("memory holds %d approved entries, want %d", got, before+1)
	}
	if v["version"] != f.version() {
		t.Errorf("the answer gives version %v, the file is at %s", v["version"], f.version())
	}
	if f.renders != 1 {
		t.Errorf("%d renders, want 1", f.renders)
	}
	// The memory gives the edit back for that source, whatever the backend.
	hits, found, err := f.memory.Lookup(context.Background(), tm.Key{Backend: "other", From: "fr", To: "en"}, []string{s.Source})
	if err != nil || !found[0] || !hits[0].Approved || hits[0].Target != s.Target || hits[0].Machine != s.Machine {
		t.Errorf("memory lookup: %+v %v %v", hits, found, err)
	}
}

func TestApproveAsItIs(t *testing.T) {
	f := newFixture(t)
	code, v := f.post("/api/approve", url.Values{"f": {file}, "segment": {"p3"}, "version": {f.version()}})
	if code != http.StatusOK {
		t.Fatalf("approve: %d %v", code, v)
	}
	s := readDoc(t, filepath.Join(f.out, file)).Segments[2]
	if s.Origin != "approved" || s.Target != "There are 120,000 inhabitants." || s.Machine != s.Target {
		t.Errorf("approved segment: %+v", s)
	}
	if v["approved"] != 1.0 || v["total"] != 3.0 {
		t.Errorf("progress %v/%v, want 1/3 (the code block is not counted)", v["approved"], v["total"])
	}
	if code, _ := f.post("/api/approve", url.Values{"f": {file}, "segment": {"p4"}, "version": {f.version()}}); code != http.StatusBadRequest {
		t.Errorf("approving a code block: %d, want 400", code)
	}
}

func TestLiveCheck(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, segment, text string
		rules               []string
	}{
		{"the term kept", "p2", "Nagorno-Karabakh is quiet.", nil},
		{"the term dropped", "p2", "Karabakh is quiet.", []string{"term-missing"}},
		{"a number changed", "p3", "There are 12,000 inhabitants.", []string{"number-mismatch"}},
		{"left in French", "p3", "Il y a 120 000 habitants.", []string{"untranslated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, v := f.post("/api/check", url.Values{"f": {file}, "segment": {tt.segment}, "text": {tt.text}})
			if code != http.StatusOK {
				t.Fatalf("check: %d %v", code, v)
			}
			var rules []string
			for _, is := range v["issues"].([]any) {
				rules = append(rules, is.(map[string]any)["rule"].(string))
			}
			if strings.Join(rules, ",") != strings.Join(tt.rules, ",") {
				t.Errorf("rules %v, want %v (%v)", rules, tt.rules, v["issues"])
			}
			if tt.name == "the term dropped" && !strings.Contains(v["issues"].([]any)[0].(map[string]any)["message"].(string), "Nagorno-Karabakh") {
				t.Errorf("term-missing does not name the entry to use: %v", v["issues"])
			}
		})
	}
	if f.renders != 0 {
		t.Error("a check wrote the article")
	}
}

func TestConflictRefusesTheSave(t *testing.T) {
	f := newFixture(t)
	loaded := f.version()
	// A nightly run rewrites the article meanwhile.
	d := article()
	d.Segments[1].Target = "Nagorno-Karabakh remains calm."
	writeDoc(t, filepath.Join(f.out, file), d)
	onDisk, _ := os.ReadFile(filepath.Join(f.out, file))

	code, v := f.post("/api/save", url.Values{"f": {file}, "segment": {"p2"}, "text": {"Mine."}, "version": {loaded}})
	if code != http.StatusConflict {
		t.Fatalf("save on a changed file: %d %v, want 409", code, v)
	}
	c, _ := v["conflict"].(map[string]any)
	if c["disk"] != "Nagorno-Karabakh remains calm." || c["yours"] != "Mine." {
		t.Errorf("conflict shows %v, want both versions", c)
	}
	after, _ := os.ReadFile(filepath.Join(f.out, file))
	if string(after) != string(onDisk) || f.renders != 0 || f.approvedCount() != 0 {
		t.Error("a refused save wrote something")
	}
}

func TestTokenAndCSRF(t *testing.T) {
	f := newFixture(t)
	get := func(c *http.Client, u string) int {
		t.Helper()
		resp, err := c.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	anon := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, p := range []string{"/", "/article?f=" + url.QueryEscape(file), "/assets/review.js"} {
		if code := get(anon, f.http.URL+p); code != http.StatusForbidden {
			t.Errorf("GET %s without the token: %d, want 403", p, code)
		}
	}
	if code := get(anon, f.http.URL+"/?token=wrong"); code != http.StatusForbidden {
		t.Errorf("a wrong token: %d, want 403", code)
	}
	resp, err := anon.Get(f.http.URL + "/article?f=" + url.QueryEscape(file) + "&token=" + f.srv.Token())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || strings.Contains(loc, "token") || !strings.Contains(loc, "f=") {
		t.Errorf("the token in the query: %s to %q, want a redirect without it", resp.Status, loc)
	}
	if ck := resp.Cookies(); len(ck) != 1 || !ck[0].HttpOnly || ck[0].SameSite != http.SameSiteStrictMode {
		t.Errorf("cookie %+v, want one HttpOnly SameSite=Strict", ck)
	}
	// Authenticated, but no CSRF token: refused, nothing written.
	req, _ := http.NewRequest("POST", f.http.URL+"/api/approve", strings.NewReader(url.Values{"f": {file}, "segment": {"p2"}, "version": {f.version()}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err = f.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || f.renders != 0 {
		t.Errorf("POST without CSRF token: %s, %d renders; want 403 and none", resp.Status, f.renders)
	}
	if code := get(f.client, f.http.URL+"/api/approve"); code != http.StatusMethodNotAllowed {
		t.Errorf("GET on a POST route: %d, want 405", code)
	}
	resp, err = f.client.Get(f.http.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe") {
		t.Errorf("CSP %q allows unsafe sources", csp)
	}
}

func TestPathsConfinedToOut(t *testing.T) {
	f := newFixture(t)
	outside := t.TempDir()
	writeDoc(t, filepath.Join(outside, "secret.fr-en.json"), article())
	if err := os.Symlink(filepath.Join(outside, "secret.fr-en.json"), filepath.Join(f.out, "link.fr-en.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(f.out, "elsewhere")); err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(f.out, filepath.Join(outside, "secret.fr-en.json"))
	for _, p := range []string{
		"../" + filepath.Base(outside) + "/secret.fr-en.json",
		filepath.ToSlash(rel),
		filepath.Join(outside, "secret.fr-en.json"),
		`monde\karabakh.fr-en.json`,
		`..\secret.fr-en.json`,
		"link.fr-en.json",
		"elsewhere/secret.fr-en.json",
		"monde/../../secret.fr-en.json",
		"monde/./karabakh.fr-en.json",
		"monde/karabakh.fr-en.previous.json",
		"C:/secret.fr-en.json",
		"",
	} {
		resp, err := f.client.Get(f.http.URL + "/article?f=" + url.QueryEscape(p))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET article %q: %s, want 404", p, resp.Status)
		}
		if code, _ := f.post("/api/approve", url.Values{"f": {p}, "segment": {"p2"}, "version": {f.version()}}); code != http.StatusNotFound {
			t.Errorf("approve in %q: %d, want 404", p, code)
		}
	}
	if f.renders != 0 {
		t.Errorf("%d renders outside the folder", f.renders)
	}
	// The index lists the article inside, not the links that lead out.
	resp, err := f.client.Get(f.http.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), `data-file="monde/karabakh.fr-en.json"`) || strings.Contains(string(page), "secret") {
		t.Errorf("the index does not list exactly the article inside OUT:\n%s", page)
	}
}

func TestRenderFailureWritesNoFile(t *testing.T) {
	f := newFixture(t)
	f.srv.cfg.Render = func(context.Context, string, *bitext.Document) error { return errors.New("disk full") }
	before, _ := os.ReadFile(filepath.Join(f.out, file))
	code, v := f.post("/api/save", url.Values{"f": {file}, "segment": {"p2"}, "text": {"Nagorno-Karabakh is quiet."}, "version": {f.version()}})
	if code != http.StatusInternalServerError || !strings.Contains(v["error"].(string), "disk full") {
		t.Errorf("save with a failing render: %d %v, want 500 naming the cause", code, v)
	}
	if after, _ := os.ReadFile(filepath.Join(f.out, file)); string(after) != string(before) {
		t.Error("the JSON changed although rendering failed")
	}
	// The memory has the edit: the next translate puts it into the files.
	if f.approvedCount() != 1 {
		t.Errorf("memory holds %d approved entries, want 1", f.approvedCount())
	}
}
