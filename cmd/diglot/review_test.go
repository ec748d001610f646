package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/review"
	"github.com/diglot/diglot/tm"
)

// reviewChromium returns the Chromium binary, or "" when there is none.
func reviewChromium() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	p, _ := exec.LookPath("chromium")
	return p
}

// reviewFolder translates the team's articles with the fake backend and
// the names glossary into a new folder, and returns the folder and the
// memory file.
func reviewFolder(t *testing.T, extra ...string) (out, memory string) {
	t.Helper()
	dir := t.TempDir()
	out, memory = filepath.Join(dir, "out"), filepath.Join(dir, "tm.db")
	translateInto(t, out, memory, append(extra, filepath.Join("..", "..", "testdata", "articles"))...)
	return out, memory
}

func translateInto(t *testing.T, out, memory string, args ...string) {
	t.Helper()
	var stderr bytes.Buffer
	argv := append([]string{"diglot", "translate", "--backend", "fake", "--progress", "quiet",
		"--glossary", filepath.Join("..", "..", "testdata", "glossary", "names.tsv"),
		"--tm", memory, "--out", out}, args...)
	if code := newApp(strings.NewReader(""), &bytes.Buffer{}, &stderr, func(string) string { return "" }).run(argv); code != 0 {
		t.Fatalf("translate: exit %d: %s", code, stderr.String())
	}
}

// startReview serves out in this process and returns the URL it printed.
func startReview(t *testing.T, out, memory string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	var stderr bytes.Buffer
	o := review.Options{Listen: "127.0.0.1:0", Memory: memory, Editor: "ed", Out: out, Log: &stderr,
		Render: rerender(output.LayoutInterleaved), Ready: func(u string) { urls <- u }}
	go func() {
		done <- review.Run(ctx, o)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("review: %v", err)
		}
	})
	select {
	case u := <-urls:
		return u
	case err := <-done:
		t.Fatalf("review did not start: %v: %s", err, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("review did not start in 10 s")
	}
	return ""
}

func readBitext(t *testing.T, path string) *bitext.Document {
	t.Helper()
	d, err := readEdition(path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func segmentOf(t *testing.T, d *bitext.Document, id string) bitext.Segment {
	t.Helper()
	for _, s := range d.Segments {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no segment %s in %s", id, d.Source.Path)
	return bitext.Segment{}
}

func approvedEntries(t *testing.T, memory string) int {
	t.Helper()
	m, err := tm.Open(memory)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	st, err := m.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.Approved
}

// browser starts headless Chromium; a failed test keeps a screenshot.
func browser(t *testing.T) context.Context {
	t.Helper()
	bin := reviewChromium()
	if bin == "" {
		t.Skip("no Chromium: neither /usr/bin/chromium nor chromium on PATH (Debian package chromium)")
	}
	if testing.Short() {
		t.Skip("-short: not starting a browser")
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin), chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()))
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			keepScreenshot(t, ctx)
		}
	})
	tctx, tcancel := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(tcancel)
	return tctx
}

// keepScreenshot saves the page of a failed test in $DIGLOT_ARTIFACTS or
// testdata/artifacts.
func keepScreenshot(t *testing.T, ctx context.Context) {
	dir := os.Getenv("DIGLOT_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("testdata", "artifacts")
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	img, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err == nil {
		path := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+".png")
		if err = os.WriteFile(path, img, 0o644); err == nil {
			t.Logf("screenshot of the failed page: %s", path)
			return
		}
	}
	t.Logf("no screenshot: %v", err)
}

// TestReviewInBrowser is an editor's session in real headless Chromium:
// open an article with the token, edit a translation with the keyboard,
// see term-missing before saving, save; then a save after a run rewrote
// the file is refused with both versions, requests without the token or
// outside OUT are refused, and the next translate keeps the edit without
// asking the backend for that paragraph.
func TestReviewInBrowser(t *testing.T) {
	ctx := browser(t)
	out, memory := reviewFolder(t)
	const article = "erevan-moscou.fr-en.json"
	jsonPath := filepath.Join(out, article)
	approvedBefore := approvedEntries(t, memory)
	// Two problems for the keyboard to go to (the fake backend leaves none).
	flagged := readBitext(t, jsonPath)
	for i := range flagged.Segments {
		if id := flagged.Segments[i].ID; id == "p9" || id == "p12" {
			flagged.Segments[i].Issues = append(flagged.Segments[i].Issues,
				bitext.Issue{Rule: "number-mismatch", Severity: bitext.SeverityWarning, Message: "a number is missing"})
		}
	}
	var flaggedJSON bytes.Buffer
	if err := bitext.Write(&flaggedJSON, flagged); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(jsonPath, flaggedJSON.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	startURL := startReview(t, out, memory)
	base := startURL[:strings.Index(startURL, "/?")]

	run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(what, js string, v any) {
		t.Helper()
		// A script's JSON.stringify arrives as a JSON string of JSON.
		var text string
		res, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
		if err == nil {
			if err = json.Unmarshal(res, &text); err == nil {
				err = json.Unmarshal([]byte(text), v)
			}
		}
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// waitFor polls a JavaScript condition: the page answers after a
	// request to the server.
	waitFor := func(what, js string) {
		t.Helper()
		for range 100 {
			var ok bool
			eval(what, "JSON.stringify(!!("+js+"))", &ok)
			if ok {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("%s: still false after 10 s: %s", what, js)
	}
	row := func(id string) string { return fmt.Sprintf(`[data-segment=%q]`, id) }
	typeText := func(id, text string) {
		t.Helper()
		// Select what the editor holds, and type over it.
		run("select "+id, chromedp.Evaluate[chromedp.Void](`document.activeElement.select()`))
		run("type into "+id, chromedp.KeyEvent(kb.Delete), chromedp.KeyEvent(text))
	}

	run("open with the token", chromedp.EmulateViewport(1400, 900), chromedp.Navigate(startURL),
		chromedp.WaitVisible(chromedp.CSS(`table[data-role="index"]`)))
	var loc string
	eval("location", `JSON.stringify(location.href)`, &loc)
	if strings.Contains(loc, "token") {
		t.Errorf("the token stays in the address bar: %s", loc)
	}
	var listed int
	eval("index rows", `JSON.stringify(document.querySelectorAll("tr[data-file]").length)`, &listed)
	if listed != 6 {
		t.Errorf("the index lists %d articles, want the 6 in OUT", listed)
	}

	run("filter the index", chromedp.Focus(chromedp.CSS(`[data-role="filter"]`)), chromedp.KeyEvent("sotchi"))
	var shown []string
	eval("rows shown", `JSON.stringify([...document.querySelectorAll("tr[data-file]")].filter(r => !r.hidden).map(r => r.dataset.file))`, &shown)
	if len(shown) != 1 || shown[0] != "sotchi-sommet.fr-en.json" {
		t.Errorf("filtering by \"sotchi\" shows %v", shown)
	}
	run("clear the filter", chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-role="filter"]').select()`), chromedp.KeyEvent(kb.Delete),
		chromedp.Click(chromedp.CSS(`button[data-sort="segments"]`)))
	var counts []int
	eval("sorted", `JSON.stringify([...document.querySelectorAll("tr[data-file]")].filter(r => !r.hidden).map(r => Number(r.dataset.segments)))`, &counts)
	for i := 1; i < len(counts); i++ {
		if len(counts) != 6 || counts[i-1] > counts[i] {
			t.Errorf("sorted by segments, the index reads %v", counts)
			break
		}
	}

	run("open the article", chromedp.Click(chromedp.CSS(`tr[data-file="`+article+`"] a`)),
		chromedp.WaitVisible(chromedp.CSS(row("p4")+` [data-role="target"]`)))

	// Alt+Down and Alt+Up go from problem to problem; a filter keeps them only.
	{
		focused := func() string {
			var id string
			eval("focused row", `JSON.stringify((document.activeElement.closest("tr.row") || {}).id || "")`, &id)
			return id
		}
		run("focus p1", chromedp.Focus(chromedp.CSS(row("p1")+` [data-role="target"]`)))
		var path []string
		for _, k := range []string{kb.ArrowDown, kb.ArrowDown, kb.ArrowUp} {
			run("Alt+arrow", chromedp.KeyEvent(k, chromedp.KeyModifiers(chromedp.ModifierAlt)))
			path = append(path, focused())
		}
		// p3 spells a name as a variant: a warning, as diglot check reports it.
		if strings.Join(path, " ") != "p3 p9 p3" {
			t.Errorf("Alt+Down, Alt+Down, Alt+Up went to %v, want p3 p9 p3", path)
		}
		run("only problems", chromedp.Click(chromedp.CSS(`input[data-filter="problems"]`)))
		var shown []string
		eval("rows shown", `JSON.stringify([...document.querySelectorAll("tr.row")].filter(r => r.checkVisibility()).map(r => r.id))`, &shown)
		if strings.Join(shown, " ") != "p3 p9 p12" {
			t.Errorf("only problems shows %v, want p3 p9 p12", shown)
		}
		run("all rows", chromedp.Click(chromedp.CSS(`input[data-filter="problems"]`)))
	}

	const edit = "What Yerevan holds against Moscow"
	// keyboard edit with live checks, then save.
	{
		run("focus p4's translation", chromedp.Focus(chromedp.CSS(row("p4")+` [data-role="target"]`)), chromedp.KeyEvent(kb.Enter),
			chromedp.WaitVisible(chromedp.CSS(row("p4")+` textarea.editor`)))
		typeText("p4", "What Erevan holds against Moscow")
		waitFor("term-missing shown before saving", `document.querySelector('`+row("p4")+` [data-role="problems"] li[data-rule="term-missing"]')`)
		var msg string
		eval("term-missing text", `JSON.stringify(document.querySelector('`+row("p4")+` [data-role="problems"] li[data-rule="term-missing"]').innerText)`, &msg)
		if !strings.Contains(msg, "Yerevan") {
			t.Errorf("term-missing says %q: it does not name the glossary target", msg)
		}
		if d := readBitext(t, jsonPath); segmentOf(t, d, "p4").Origin == "approved" {
			t.Fatal("typing saved something")
		}
		typeText("p4", edit)
		waitFor("term-missing gone once the term is back", `!document.querySelector('`+row("p4")+` [data-role="problems"] li[data-rule="term-missing"]')`)
		var ins string
		eval("live post-edit diff", `JSON.stringify([...document.querySelectorAll('`+row("p4")+` [data-role="post"] ins')].map(e => e.textContent).join("|"))`, &ins)
		if !strings.Contains(ins, "holds") {
			t.Errorf("the machine vs post-edit diff shows insertions %q, want the edit", ins)
		}
		run("Ctrl+Enter saves", chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		waitFor("saved", `document.querySelector('`+row("p4")+`').classList.contains("approved") && !document.querySelector('`+row("p4")+` textarea.editor').checkVisibility()`)

		s := segmentOf(t, readBitext(t, jsonPath), "p4")
		if s.Target != edit || s.Origin != "approved" || s.PostEdit == nil || s.PostEdit.Text != edit || s.PostEdit.By != "ed" {
			t.Errorf("the JSON holds %+v, want the post-edit", s)
		}
		if s.Machine == "" || s.Machine == edit {
			t.Errorf("the machine translation is not kept: machine %q", s.Machine)
		}
		if got := approvedEntries(t, memory); got != approvedBefore+1 {
			t.Errorf("the memory holds %d approved entries, want %d", got, approvedBefore+1)
		}
		html, err := os.ReadFile(filepath.Join(out, "erevan-moscou.fr-en.html"))
		if err != nil || !strings.Contains(string(html), edit) {
			t.Errorf("the static page was not rendered again with the edit (%v)", err)
		}
		run("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(row("p4"))))
		var shown string
		eval("p4 after reload", `JSON.stringify(document.querySelector('`+row("p4")+` [data-role="text"]').innerText)`, &shown)
		if shown != edit {
			t.Errorf("after a reload p4 shows %q, want %q", shown, edit)
		}
	}

	// the index shows the edit.
	{
		run("index", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(`table[data-role="index"]`)))
		var r struct{ Progress, Edited string }
		eval("index row", `(() => { const r = document.querySelector('tr[data-file="`+article+`"]');
			return JSON.stringify({progress: r.querySelector('[data-role="progress"]').innerText,
				edited: (r.querySelector('[data-role="edited"]') || {}).innerText || ""}); })()`, &r)
		if !strings.HasPrefix(r.Progress, "1/") || r.Edited != "1 post-edited" {
			t.Errorf("the index row says %+v, want 1 approved, 1 post-edited", r)
		}
		run("back to the article", chromedp.Navigate(base+"/article?f="+article), chromedp.WaitVisible(chromedp.CSS(row("p5"))))
	}

	// on a phone, nothing overflows.
	{
		run("narrow viewport", chromedp.EmulateViewport(390, 844))
		var w struct{ Scroll, Client float64 }
		eval("widths", `JSON.stringify({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})`, &w)
		if w.Scroll > w.Client {
			t.Errorf("at 390 px the article is %.0f px wide in %.0f", w.Scroll, w.Client)
		}
		run("wide viewport", chromedp.EmulateViewport(1400, 900))
	}

	// a save after the file changed on disk is refused.
	{
		run("edit p5", chromedp.DoubleClick(chromedp.CSS(row("p5")+` [data-role="text"]`)),
			chromedp.WaitVisible(chromedp.CSS(row("p5")+` textarea.editor`)))
		typeText("p5", "The Armenian grievances fit in a few points:")
		// A nightly run rewrites the article meanwhile.
		d := readBitext(t, jsonPath)
		for i := range d.Segments {
			if d.Segments[i].ID == "p5" {
				d.Segments[i].Target = "Armenia's complaints come down to a few points:"
			}
		}
		var buf bytes.Buffer
		if err := bitext.Write(&buf, d); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(jsonPath, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		run("save", chromedp.Click(chromedp.CSS(row("p5")+` [data-action="save"]`)))
		waitFor("conflict shown", `document.querySelector('`+row("p5")+` [data-role="conflict"]').checkVisibility()`)
		var c struct{ Disk, Yours string }
		eval("conflict", `JSON.stringify({disk: document.querySelector('`+row("p5")+` .conflict-disk').innerText,
			yours: document.querySelector('`+row("p5")+` .conflict-yours').innerText})`, &c)
		if c.Disk != "Armenia's complaints come down to a few points:" || c.Yours != "The Armenian grievances fit in a few points:" {
			t.Errorf("the conflict shows %+v, want both versions", c)
		}
		if after, _ := os.ReadFile(jsonPath); !bytes.Equal(after, buf.Bytes()) {
			t.Error("the refused save changed the file")
		}
	}

	// no token, or a path outside OUT, is refused.
	{
		resp, err := http.Get(base + "/article?f=" + article)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("without the token: %s, want 403", resp.Status)
		}
		var codes []int
		eval("fetch outside OUT", `(async () => {
			const out = [];
			for (const f of ["../tm.db", "../out/../tm.fr-en.json", "/etc/passwd", "..\\x.fr-en.json"]) {
				out.push((await fetch("/article?f=" + encodeURIComponent(f))).status);
			}
			return JSON.stringify(out); })()`, &codes)
		for i, c := range codes {
			if c != http.StatusNotFound {
				t.Errorf("path %d outside OUT: %d, want 404", i, c)
			}
		}
	}

	// the next translate keeps the edit without asking the backend.
	{
		before := readBitext(t, jsonPath)
		var fromBackend int
		for _, s := range before.Segments {
			if s.Origin == "mt" {
				fromBackend++
			}
		}
		// Other backend settings: the machine entries no longer apply, the
		// approved one does.
		translateInto(t, out, memory, "--endpoint", "http://127.0.0.1:9/other",
			filepath.Join("..", "..", "testdata", "articles", "erevan-moscou.md"))
		s := segmentOf(t, readBitext(t, jsonPath), "p4")
		if s.Target != edit || s.Origin != "approved" {
			t.Errorf("after the next translate p4 is %q (origin %s), want the edit from the memory", s.Target, s.Origin)
		}
		var rep struct {
			Segments struct {
				FromMemory  int `json:"from_memory"`
				FromBackend int `json:"from_backend"`
			} `json:"segments"`
		}
		data, err := os.ReadFile(filepath.Join(out, "run.json"))
		if err == nil {
			err = json.Unmarshal(data, &rep)
		}
		if err != nil {
			t.Fatal(err)
		}
		if rep.Segments.FromMemory != 1 || rep.Segments.FromBackend != fromBackend {
			t.Errorf("the run took %d segments from the memory and %d from the backend, want 1 and %d",
				rep.Segments.FromMemory, rep.Segments.FromBackend, fromBackend)
		}
	}
}

// TestReviewScreenshots writes the screenshots of docs/review.md into the
// folder $DIGLOT_SCREENSHOTS names (skipped without it): diglot review and
// the static page, 1,400 px and 390 px wide, light and dark.
func TestReviewScreenshots(t *testing.T) {
	dir := os.Getenv("DIGLOT_SCREENSHOTS")
	if dir == "" {
		t.Skip("DIGLOT_SCREENSHOTS is not set")
	}
	ctx := browser(t)
	out, memory := reviewFolder(t)
	startURL := startReview(t, out, memory)
	page, err := filepath.Abs(filepath.Join(out, "erevan-moscou.fr-en.html"))
	if err != nil {
		t.Fatal(err)
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	shoot := func(name string) {
		t.Helper()
		var img []byte
		do("screenshot "+name, chromedp.Sleep(300*time.Millisecond), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			r, err := cdp.Call(ctx, tg, cdppage.CaptureScreenshot, cdppage.CaptureScreenshotParams{Format: cdppage.CaptureScreenshotFormatPng})
			img = r.Data
			return err
		}))
		if err := os.WriteFile(filepath.Join(dir, name+".png"), img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	scheme := func(s string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s}}})
			return err
		})
	}
	do("open", chromedp.EmulateViewport(1400, 900), chromedp.Navigate(startURL),
		chromedp.Click(chromedp.CSS(`tr[data-file="erevan-moscou.fr-en.json"] a`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-segment="p4"] [data-role="target"]`)))
	// An edit in progress that drops a glossary term.
	do("edit p4", chromedp.Focus(chromedp.CSS(`[data-segment="p4"] [data-role="target"]`)), chromedp.KeyEvent(kb.Enter),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.select()`), chromedp.KeyEvent("What Erevan holds against Moscow"),
		chromedp.WaitVisible(chromedp.CSS(`[data-segment="p4"] li[data-rule="term-missing"]`)),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("p3").scrollIntoView()`))
	for _, w := range []int64{1400, 390} {
		for _, s := range []string{"light", "dark"} {
			h := int64(900)
			if w == 390 {
				h = 844
			}
			do("viewport", chromedp.EmulateViewport(w, h), scheme(s),
				chromedp.Evaluate[chromedp.Void](`document.getElementById("p3").scrollIntoView()`))
			shoot(fmt.Sprintf("review-%d-%s", w, s))
		}
	}
	do("static page", chromedp.Navigate("file://"+page), chromedp.WaitVisible(chromedp.CSS("table.bitext")))
	for _, w := range []int64{1400, 390} {
		for _, s := range []string{"light", "dark"} {
			h := int64(900)
			if w == 390 {
				h = 844
			}
			do("viewport", chromedp.EmulateViewport(w, h), scheme(s))
			shoot(fmt.Sprintf("page-%d-%s", w, s))
		}
	}
}

// TestIndexIsOfTheFolder checks that index.html lists every article in
// OUT, not only those of the last run, by headline, and says when the last
// run had failures.
func TestIndexIsOfTheFolder(t *testing.T) {
	out, memory := reviewFolder(t)
	translateInto(t, out, memory, "--force", filepath.Join("..", "..", "testdata", "articles", "erevan-moscou.md"))
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(index)
	if n := strings.Count(page, "<tr data-title="); n != 6 {
		t.Errorf("after a run of one article the index lists %d, want the 6 in OUT", n)
	}
	// A .txt article's headline is its first line.
	if !strings.Contains(page, `data-title="Brussels relance the médiation entre Yerevan and Baku"`) {
		t.Errorf("the index does not give the .txt article its first line as headline:\n%s", page)
	}
	if strings.Contains(page, `class="banner"`) {
		t.Error("a banner after a run without failures")
	}

	// diglot index writes the same list from the folder alone.
	if err := os.Remove(filepath.Join(out, "index.html")); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if code := newApp(strings.NewReader(""), &bytes.Buffer{}, &stderr, func(string) string { return "" }).run([]string{"diglot", "index", out}); code != 0 {
		t.Fatalf("diglot index: exit %d: %s", code, stderr.String())
	}
	if index, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || strings.Count(string(index), "<tr data-title=") != 6 {
		t.Errorf("diglot index wrote %d rows (%v), want 6", strings.Count(string(index), "<tr data-title="), err)
	}

	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "vide.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	code := newApp(strings.NewReader(""), &bytes.Buffer{}, &stderr, func(string) string { return "" }).run([]string{
		"diglot", "translate", "--backend", "fake", "--strict", "--progress", "quiet", "--tm", memory, "--out", out, bad})
	if code != 1 {
		t.Fatalf("a run with a failed article: exit %d, want 1: %s", code, stderr.String())
	}
	index, _ = os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(index), "The last run had 1 failed article") || strings.Count(string(index), "<tr data-title=") != 6 {
		t.Errorf("after a failed run the index lacks the banner or the other articles:\n%s", index)
	}
}

func TestReviewUsageErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no folder", nil, "want one OUT folder"},
		{"two folders", []string{"a", "b"}, "want one OUT folder"},
		{"missing folder", []string{filepath.Join(t.TempDir(), "nope")}, "no such file or directory"},
		{"a file", []string{file}, "is not a folder"},
		{"bad listen address", []string{"--listen", "nowhere", t.TempDir()}, "--listen"},
		{"bad layout", []string{"--md-layout", "columns", t.TempDir()}, "--md-layout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			args := append([]string{"diglot", "review", "--no-tm"}, tt.args...)
			code := newApp(strings.NewReader(""), &bytes.Buffer{}, &stderr, func(string) string { return "" }).run(args)
			if code != 2 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr.String(), tt.want)
			}
			if lines := strings.Count(strings.TrimSpace(stderr.String()), "\n"); lines > 0 && !strings.Contains(stderr.String(), "USAGE") {
				t.Errorf("the error takes %d lines: %q", lines+1, stderr.String())
			}
		})
	}
}
