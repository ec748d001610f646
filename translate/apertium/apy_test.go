package apertium

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/apertium/apytest"
	"github.com/diglot/diglot/translate/backendtest"
)

func newAPY(t *testing.T, endpoint string) *Backend {
	t.Helper()
	b, err := New(translate.Config{Endpoint: endpoint})
	if err != nil {
		t.Fatal(err)
	}
	return b.(*Backend)
}

func TestAPYTranslatesAChainAndKeepsAlignment(t *testing.T) {
	url := apytest.Start(t)
	b := newAPY(t, url)
	text := "Le président arménien Pashinian est au Haut-Karabakh"
	start := strings.Index(text, "Haut-Karabakh")
	segs := []translate.Segment{{ID: "h", Text: text, Protected: []translate.Span{
		{Start: start, End: start + len("Haut-Karabakh"), Replace: "Nagorno-Karabakh"}}}}
	// Enough paragraphs to need several bounded requests.
	for i := range 120 {
		segs = append(segs, translate.Segment{ID: strconv.Itoa(i),
			Text: "Le numéro " + strconv.Itoa(i) + " est arrivé à la frontière avec les soldats russes"})
	}
	res, err := backendtest.Translate(context.Background(), b, &translate.Request{From: "fr", To: "en", Segments: segs})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res[0].Text, "Nagorno-Karabakh") || strings.Contains(res[0].Text, "Height") {
		t.Errorf("protected span lost: %q", res[0].Text)
	}
	if strings.ContainsAny(res[0].Text, "*#@") {
		t.Errorf("marks left in %q", res[0].Text)
	}
	if len(res[0].Unknown) == 0 {
		t.Errorf("no unknown words recorded for %q", res[0].Text)
	}
	for i, r := range res[1:] {
		if !strings.Contains(r.Text, " "+strconv.Itoa(i)+" ") {
			t.Fatalf("segment %d = %q: alignment shifted", i, r.Text)
		}
		if strings.HasSuffix(r.Text, ".") {
			t.Errorf("segment %d = %q: the full stop added for the request was not removed", i, r.Text)
		}
	}
}

func TestAPYUnsupportedPair(t *testing.T) {
	url := apytest.Start(t)
	b := newAPY(t, url)
	err := b.Prepare(context.Background(), "fr", "de")
	if !errors.Is(err, translate.ErrUnsupportedPair) || !strings.Contains(err.Error(), "fra-eng") {
		t.Fatalf("err = %v, want unsupported pair listing fra-eng", err)
	}
}

// A server that drops paragraphs, as APY does past its size limit, must never
// shift the alignment: the backend halves the batch until replies add up.
func TestAPYTruncatedReplyIsNeverShifted(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/listPairs":
			w.Write([]byte(`{"responseData":[{"sourceLanguage":"fra","targetLanguage":"eng"}],"responseStatus":200}`))
		case "/translate":
			calls.Add(1)
			if r.FormValue("langpair") != "fra|eng" {
				t.Errorf("langpair %q", r.FormValue("langpair"))
			}
			q := r.FormValue("q")
			paras := strings.Split(q, "\n\n")
			if len(paras) > 2 {
				paras = paras[:len(paras)-1] // silently drop the last paragraph
			}
			out, _ := jsonString(strings.ToUpper(strings.Join(paras, "\n\n")))
			w.Write([]byte(`{"responseData":{"translatedText":` + out + `},"responseStatus":200}`))
		default:
			t.Errorf("unexpected request %s %s", r.Method, r.URL)
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	b := newAPY(t, srv.URL)
	var segs []translate.Segment
	for i := range 7 {
		segs = append(segs, translate.Segment{ID: strconv.Itoa(i), Text: "ligne " + strconv.Itoa(i)})
	}
	res, err := b.Translate(context.Background(), &translate.Request{From: "fr", To: "en", Segments: segs})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Text != "LIGNE "+strconv.Itoa(i) {
			t.Errorf("segment %d = %q", i, r.Text)
		}
	}
	if calls.Load() < 2 {
		t.Errorf("%d calls: the truncated reply was not retried in halves", calls.Load())
	}
}

func TestAPYServerErrorsMapToSentinels(t *testing.T) {
	for _, tc := range []struct {
		status int
		want   error
	}{
		{http.StatusTooManyRequests, translate.ErrRateLimited},
		{http.StatusServiceUnavailable, translate.ErrUnavailable},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/listPairs" {
				w.Write([]byte(`{"responseData":[{"sourceLanguage":"fra","targetLanguage":"eng"}]}`))
				return
			}
			w.WriteHeader(tc.status)
		}))
		_, err := newAPY(t, srv.URL).Translate(context.Background(), &translate.Request{From: "fr", To: "en",
			Segments: []translate.Segment{{ID: "1", Text: "Bonjour"}}})
		srv.Close()
		if !errors.Is(err, tc.want) {
			t.Errorf("HTTP %d: err = %v, want %v", tc.status, err, tc.want)
		}
	}
}
