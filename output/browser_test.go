package output

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/diglot/diglot/bitext"
)

// chromium returns the path of the Chromium binary, or "" when there is none.
func chromium() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	p, _ := exec.LookPath("chromium")
	return p
}

// tenParagraphs is an article of ten paragraphs; p3 and p7 have raw MT that
// the glossary repaired, p2 and p3 carry terms.
func tenParagraphs(t testing.TB) *bitext.Document {
	d := &bitext.Document{
		Schema:  bitext.Schema,
		Source:  bitext.Source{Path: "monde/dix.txt", Lang: "fr", Title: "Dix paragraphes"},
		Target:  bitext.Target{Lang: "en", Title: "Ten paragraphs"},
		Backend: bitext.Backend{Name: "apertium"},
		// A long path that does not break at a space: it must wrap on a phone.
		Glossary: []bitext.GlossaryRef{{Path: "../../newsroom/terminology/glossaries/names-and-places.tsv"}},
	}
	for i := 1; i <= 10; i++ {
		src := fmt.Sprintf("Paragraphe %d : le gouvernement a publié un communiqué sur la situation.", i)
		tgt := fmt.Sprintf("Paragraph %d: the government published a statement on the situation.", i)
		s := bitext.Segment{ID: fmt.Sprintf("p%d", i), Kind: bitext.KindParagraph, Source: src, Target: tgt, MT: tgt, Origin: "mt"}
		switch i {
		case 2, 3:
			s.Source += " Le Haut-Karabakh est cité."
			s.Target += " Nagorno-Karabakh is mentioned."
			s.MT = s.Target
			s.Terms = []bitext.Term{term(t, s.Source, "Haut-Karabakh", "Nagorno-Karabakh", "Haut-Karabakh")}
		}
		if i == 9 {
			s.Issues = []bitext.Issue{{Rule: "number-mismatch", Severity: bitext.SeverityWarning, Message: "9 is missing"}}
		}
		if i == 3 || i == 7 {
			s.MT = strings.Replace(s.Target, "Nagorno-Karabakh", "Tall Karabakh", 1)
			s.MT = strings.Replace(s.MT, "statement", "communiqué", 1)
		}
		d.Segments = append(d.Segments, s)
	}
	return d
}

// TestBrowserPage loads the review page in headless Chromium and checks what
// an editor sees: aligned rows, the diff toggles, the term tooltip on keyboard
// focus, and that the page requests nothing but itself.
func TestBrowserPage(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no Chromium: neither /usr/bin/chromium nor chromium on PATH (Debian package chromium)")
	}
	if testing.Short() {
		t.Skip("-short: not starting a browser")
	}

	var page bytes.Buffer
	if err := WriteHTML(&page, tenParagraphs(t), HTMLOptions{Generator: "browser test"}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var served, requested []string // requests the server saw, requests the browser made
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		served = append(served, r.URL.Path)
		mu.Unlock()
		if r.URL.Path != "/page.html" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page.Bytes())
	}))
	t.Cleanup(srv.Close)
	pageURL := srv.URL + "/page.html"

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requested = append(requested, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	// Cleanups run last first: this one runs while the browser is still up.
	t.Cleanup(func() {
		if t.Failed() {
			saveScreenshot(t, ctx)
		}
	})

	// Bound the test, on a context derived after the browser started.
	tctx, tcancel := context.WithTimeout(ctx, 45*time.Second)
	defer tcancel()
	run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(tctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(what, js string, v any) {
		t.Helper()
		res, err := chromedp.Run(tctx, chromedp.Evaluate[[]byte](js))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if err := jsonUnmarshal(res, v); err != nil {
			t.Fatalf("%s: %v in %s", what, err, res)
		}
	}

	run("load the page", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(pageURL),
		chromedp.WaitVisible(chromedp.CSS("table.bitext")))

	t.Run("ten aligned rows with a French and an English cell", func(t *testing.T) {
		var rows []struct {
			ID           string
			Fr, En       int
			FrTop, EnTop float64
		}
		eval("rows", `JSON.stringify([...document.querySelectorAll("table.bitext tbody tr")].map(r => {
			const fr = r.querySelectorAll("td[lang=fr]"), en = r.querySelectorAll("td[lang=en]");
			return {id: r.id, fr: fr.length, en: en.length,
				frTop: fr.length ? fr[0].getBoundingClientRect().top : -1,
				enTop: en.length ? en[0].getBoundingClientRect().top : -1};
		}))`, &rows)
		if len(rows) != 10 {
			t.Fatalf("%d rows, want 10", len(rows))
		}
		for i, r := range rows {
			if want := fmt.Sprintf("p%d", i+1); r.ID != want {
				t.Errorf("row %d has id %q, want %q", i, r.ID, want)
			}
			if r.Fr != 1 || r.En != 1 {
				t.Errorf("row %s has %d fr and %d en cells, want 1 and 1", r.ID, r.Fr, r.En)
			}
			if r.FrTop != r.EnTop {
				t.Errorf("row %s: fr cell top %.1f, en cell top %.1f: not aligned", r.ID, r.FrTop, r.EnTop)
			}
		}
	})

	// visibleDiffs counts the ins and del elements shown in a row.
	visibleDiffs := func(t *testing.T, id string) int {
		t.Helper()
		var n int
		eval("count diffs in "+id, fmt.Sprintf(`JSON.stringify([...document.getElementById(%q).querySelectorAll("ins, del")]
			.filter(e => e.getClientRects().length > 0).length)`, id), &n)
		return n
	}
	pressed := func(t *testing.T, sel string) string {
		t.Helper()
		var v string
		eval("aria-pressed of "+sel, fmt.Sprintf(`JSON.stringify(document.querySelector(%q).getAttribute("aria-pressed"))`, sel), &v)
		return v
	}

	t.Run("whole-page toggle shows the glossary diff", func(t *testing.T) {
		if n := visibleDiffs(t, "p3"); n != 0 {
			t.Fatalf("before the toggle, p3 shows %d ins/del", n)
		}
		run("click the page toggle", chromedp.Click(`.views button[data-view="mt"]`))
		if n := visibleDiffs(t, "p3"); n == 0 {
			t.Error("after the page toggle, p3 shows no ins/del")
		}
		if n := visibleDiffs(t, "p7"); n == 0 {
			t.Error("after the page toggle, p7 shows no ins/del")
		}
		if v := pressed(t, `.views button[data-view="mt"]`); v != "true" {
			t.Errorf("page toggle aria-pressed = %q, want true", v)
		}
		var note string
		eval("p1 note", `JSON.stringify(document.querySelector("#p1 .diff[data-for=mt] .note").innerText)`, &note)
		if !strings.HasPrefix(note, "no change") {
			t.Errorf("p1 in the glossary view says %q, want no change", note)
		}
		run("back to text", chromedp.Click(`.views button[data-view="none"]`))
		if n := visibleDiffs(t, "p3"); n != 0 {
			t.Errorf("after switching back to text, p3 shows %d ins/del", n)
		}
	})

	t.Run("row toggle shows the diff of that row only", func(t *testing.T) {
		run("click p3's toggle", chromedp.Click(`#p3 .rowviews button[data-view="mt"]`))
		if n := visibleDiffs(t, "p3"); n == 0 {
			t.Error("after the row toggle, p3 shows no ins/del")
		}
		if n := visibleDiffs(t, "p7"); n != 0 {
			t.Errorf("p3's toggle made p7 show %d ins/del", n)
		}
		if v := pressed(t, `#p3 .rowviews button[data-view="mt"]`); v != "true" {
			t.Errorf("row toggle aria-pressed = %q, want true", v)
		}
		run("click p3's toggle again", chromedp.Click(`#p3 .rowviews button[data-view="mt"]`))
		if n := visibleDiffs(t, "p3"); n != 0 {
			t.Errorf("after the second click, p3 still shows %d ins/del", n)
		}
	})

	t.Run("keyboard focus on a term shows its glossary entry", func(t *testing.T) {
		tipShown := func() (shown bool, text string) {
			var r struct {
				Shown bool
				Text  string
			}
			eval("tooltip", `(() => { const tip = document.querySelector("#p2 td[lang=fr] mark.term .tip");
				return JSON.stringify({shown: tip.getClientRects().length > 0, text: tip.innerText}); })()`, &r)
			return r.Shown, r.Text
		}
		if shown, _ := tipShown(); shown {
			t.Fatal("tooltip shown before focus")
		}
		// Tab from the top of the page until the first term of p2 has focus:
		// that it is reachable by keyboard is part of the test.
		run("blur", chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`))
		focused := false
		for range 80 {
			run("tab", chromedp.KeyEvent(kb.Tab))
			var at bool
			eval("active element", `JSON.stringify(document.activeElement === document.querySelector("#p2 td[lang=fr] mark.term"))`, &at)
			if at {
				focused = true
				break
			}
		}
		if !focused {
			t.Fatal("the term in p2 never got keyboard focus within 80 tabs")
		}
		shown, text := tipShown()
		if !shown {
			t.Error("tooltip hidden while the term has keyboard focus")
		}
		if !strings.Contains(text, "Haut-Karabakh → Nagorno-Karabakh") {
			t.Errorf("tooltip says %q, want the glossary entry", text)
		}
	})

	t.Run("phone: source stacked above target", func(t *testing.T) {
		run("narrow viewport", chromedp.EmulateViewport(390, 844))
		defer run("wide viewport", chromedp.EmulateViewport(1280, 900))
		var r struct{ FrTop, FrBottom, EnTop, FrLeft, EnLeft float64 }
		eval("p1 cells", `(() => { const fr = document.querySelector("#p1 td[lang=fr]").getBoundingClientRect(),
			en = document.querySelector("#p1 td[lang=en]").getBoundingClientRect();
			return JSON.stringify({frTop: fr.top, frBottom: fr.bottom, enTop: en.top, frLeft: fr.left, enLeft: en.left}); })()`, &r)
		if r.EnTop < r.FrBottom || r.FrLeft != r.EnLeft {
			t.Errorf("on a phone the cells are not stacked, source first: %+v", r)
		}
	})

	// belowBar reports where a problem's link put its row: the row's top
	// and the sticky bar's bottom.
	belowBar := func(t *testing.T) (rowTop, barBottom float64) {
		t.Helper()
		// Room below the last row, so that the page can scroll p9 to the top.
		run("scroll to the top", chromedp.Evaluate[chromedp.Void](`document.body.style.paddingBottom = "3000px"; window.scrollTo(0, 0)`))
		run("click the problem", chromedp.Click(`.problems a[href="#p9"]`))
		var r struct{ RowTop, BarBottom float64 }
		eval("positions", `JSON.stringify({rowTop: document.getElementById("p9").getBoundingClientRect().top,
			barBottom: document.querySelector(".views").getBoundingClientRect().bottom})`, &r)
		return r.RowTop, r.BarBottom
	}
	t.Run("a problem's row lands below the sticky bar", func(t *testing.T) {
		if top, bottom := belowBar(t); top < bottom {
			t.Errorf("at 1280 px the row's top %.0f is under the bar (bottom %.0f)", top, bottom)
		}
		run("narrow viewport", chromedp.EmulateViewport(390, 844))
		defer run("wide viewport", chromedp.EmulateViewport(1280, 900))
		if top, bottom := belowBar(t); top < bottom {
			t.Errorf("at 390 px the row's top %.0f is under the bar (bottom %.0f)", top, bottom)
		}
	})

	t.Run("phone: nothing overflows, tooltips stay on screen", func(t *testing.T) {
		run("narrow viewport", chromedp.EmulateViewport(390, 844))
		defer run("wide viewport", chromedp.EmulateViewport(1280, 900))
		var widths struct{ Scroll, Client float64 }
		eval("widths", `JSON.stringify({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})`, &widths)
		if widths.Scroll > widths.Client {
			t.Errorf("the page is %.0f px wide in a %.0f px viewport", widths.Scroll, widths.Client)
		}
		var off []string
		eval("tooltips", `JSON.stringify([...document.querySelectorAll("mark.term")].flatMap(m => {
			m.focus(); const r = m.querySelector(".tip").getBoundingClientRect(), w = document.documentElement.clientWidth;
			return (r.left < 0 || r.right > w) ? [m.closest("tr").id + " " + m.textContent + ": " + r.left + ".." + r.right] : [];
		}))`, &off)
		if len(off) > 0 {
			t.Errorf("tooltips off screen at 390 px: %v", off)
		}
	})

	t.Run("print: no buttons", func(t *testing.T) {
		media := func(m string) chromedp.Action[chromedp.Void] {
			return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
				return err
			})
		}
		run("print media", media("print"))
		defer run("screen media", media(""))
		var shown int
		eval("buttons", `JSON.stringify([...document.querySelectorAll("button")].filter(b => b.getClientRects().length > 0).length)`, &shown)
		if shown != 0 {
			t.Errorf("%d buttons shown in print", shown)
		}
	})

	t.Run("no request but the page", func(t *testing.T) {
		mu.Lock()
		defer mu.Unlock()
		for _, u := range requested {
			if u != pageURL && !strings.HasPrefix(u, "data:") {
				t.Errorf("the page made a request for %s", u)
			}
		}
		for _, p := range served {
			if p != "/page.html" {
				t.Errorf("the server was asked for %s", p)
			}
		}
		if len(requested) == 0 {
			t.Error("no request seen at all: the network listener is not working")
		}
	})
}

// saveScreenshot keeps a screenshot of the page for a failed test, in
// $DIGLOT_ARTIFACTS or testdata/artifacts.
func saveScreenshot(t *testing.T, ctx context.Context) {
	dir := os.Getenv("DIGLOT_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("testdata", "artifacts")
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	img, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	path := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+".png")
	if err := os.WriteFile(path, img, 0o644); err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	t.Logf("screenshot of the failed page: %s", path)
}
