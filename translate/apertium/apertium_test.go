package apertium

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/backendtest"
)

// needApertium skips a test when Apertium and the fr→es→en pairs are absent.
func needApertium(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("apertium"); err != nil {
		t.Skip("apertium is not installed (make test-deps installs it)")
	}
	for _, m := range []string{"fr-es", "spa-eng"} {
		if _, err := os.Stat(DefaultModesDir + "/" + m + ".mode"); err != nil {
			t.Skipf("Apertium mode %s is not installed (apt-get install apertium-fr-es apertium-eng-spa)", m)
		}
	}
}

func newLocal(t testing.TB) *Backend {
	t.Helper()
	needApertium(t)
	b, err := New(translate.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.(*Backend).Close() })
	return b.(*Backend)
}

func TestLocalTranslatesThroughSpanish(t *testing.T) {
	b := newLocal(t)
	req := &translate.Request{From: "fr", To: "en", Segments: []translate.Segment{
		{ID: "p1", Text: "Le président russe accueille les dirigeants."},
		{ID: "p2", Text: "Plus de 6 500 personnes sont mortes dans les combats."},
		{ID: "p3", Text: "« Ce conflit dure depuis une décennie », a déclaré Poutine lundi."},
	}}
	res, err := b.Translate(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Russian president", "6 500", "conflict"}
	for i, r := range res {
		if !strings.Contains(r.Text, want[i]) {
			t.Errorf("segment %d = %q, want it to contain %q", i+1, r.Text, want[i])
		}
		if strings.ContainsAny(r.Text, "*#@") {
			t.Errorf("segment %d keeps unknown-word marks: %q", i+1, r.Text)
		}
	}
	if got := b.Model(); got != "fr-es+spa-eng" {
		t.Errorf("Model() = %q", got)
	}
}

func TestLocalRecordsUnknownWordsAndKeepsProtectedSpans(t *testing.T) {
	b := newLocal(t)
	text := "Pashinian est arrivé au Haut-Karabakh avec Zorglubinet."
	start := strings.Index(text, "Haut-Karabakh")
	req := &translate.Request{From: "fr", To: "en", Segments: []translate.Segment{{
		ID: "p1", Text: text,
		Protected: []translate.Span{
			{Start: 0, End: len("Pashinian"), Replace: "Pashinyan"},
			{Start: start, End: start + len("Haut-Karabakh"), Replace: "Nagorno-Karabakh"},
		},
	}}}
	res, err := backendtest.Translate(context.Background(), b, req)
	if err != nil {
		t.Fatal(err)
	}
	got := res[0]
	for _, w := range []string{"Pashinyan", "Nagorno-Karabakh", "Zorglubinet"} {
		if !strings.Contains(got.Text, w) {
			t.Errorf("translation %q lacks %q", got.Text, w)
		}
	}
	if strings.Contains(got.Text, "Height") || strings.Contains(got.Text, "Zxq") {
		t.Errorf("translation %q broke a protected span", got.Text)
	}
	if strings.Join(got.Unknown, ",") != "Zorglubinet" {
		t.Errorf("Unknown = %q, want [Zorglubinet]", got.Unknown)
	}
}

func TestLocalKeepsAlignmentOverManySegments(t *testing.T) {
	b := newLocal(t)
	var segs []translate.Segment
	for i := range 300 {
		segs = append(segs, translate.Segment{ID: string(rune('a' + i%26)), Text: strings.Repeat("Bonjour. ", i%5) + "Numéro " + strconv.Itoa(i) + " ici"})
	}
	res, err := b.Translate(context.Background(), &translate.Request{From: "fr", To: "en", Segments: segs})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if !strings.Contains(r.Text, " "+strconv.Itoa(i)+" ") {
			t.Fatalf("segment %d = %q: alignment shifted", i, r.Text)
		}
	}
}

func TestLocalUnsupportedPairNamesThePairs(t *testing.T) {
	b := newLocal(t)
	err := b.Prepare(context.Background(), "fr", "ja")
	var upe *translate.UnsupportedPairError
	if !errors.As(err, &upe) || !errors.Is(err, translate.ErrUnsupportedPair) {
		t.Fatalf("err = %v, want UnsupportedPairError", err)
	}
	if !strings.Contains(err.Error(), "fra-eng") {
		t.Errorf("error %q does not list the available pairs", err)
	}
}

func TestLocalCancellationIsPrompt(t *testing.T) {
	b := newLocal(t)
	if err := b.Prepare(context.Background(), "fr", "en"); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Le président russe accueille les dirigeants arméniens à Sotchi. ", 400)
	var segs []translate.Segment
	for range 50 {
		segs = append(segs, translate.Segment{ID: "x", Text: long})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := b.Translate(ctx, &translate.Request{From: "fr", To: "en", Segments: segs})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Translate took %v after cancellation", d)
	}
	// The pipeline is restarted for the next request.
	res, err := b.Translate(context.Background(), &translate.Request{From: "fr", To: "en",
		Segments: []translate.Segment{{ID: "p1", Text: "La paix."}}})
	if err != nil || !strings.Contains(res[0].Text, "peace") {
		t.Fatalf("after cancel: %v %v", res, err)
	}
}

// A local pipeline that died between two requests fails the next attempt
// with a retryable error, and the pipeline's retry (with Apertium's policy)
// starts it again.
func TestLocalPipelineThatDiedIsRestartedByTheRetry(t *testing.T) {
	b := newLocal(t)
	req := &translate.Request{From: "fr", To: "en", Segments: []translate.Segment{{ID: "p1", Text: "Le chat dort."}}}
	if _, err := b.Translate(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	for _, p := range b.pipes {
		p.mu.Lock()
		for _, pr := range p.procs {
			killGroup(pr.cmd)
			<-pr.exited
		}
		p.mu.Unlock()
	}
	b.mu.Unlock()
	if _, err := b.Translate(context.Background(), req); !translate.Retryable(err) {
		t.Fatalf("after the pipeline died: err = %v, want a retryable error", err)
	}
	res, err := backendtest.Translate(context.Background(), b, req)
	if err != nil || !strings.Contains(strings.ToLower(res[0].Text), "cat") {
		t.Fatalf("res %v, err %v: not restarted", res, err)
	}
}

// A local pipeline killed while a request is in flight fails that attempt
// with a retryable error, and the retry starts the pipeline again: the
// translation succeeds, every segment in its place.
func TestLocalPipelineKilledMidRequestIsRestartedByTheRetry(t *testing.T) {
	b := newLocal(t)
	if err := b.Prepare(context.Background(), "fr", "en"); err != nil {
		t.Fatal(err)
	}
	var segs []translate.Segment
	for i := range 400 {
		segs = append(segs, translate.Segment{ID: strconv.Itoa(i), Text: "Le numéro " + strconv.Itoa(i) + " est arrivé à la frontière avec les soldats russes."})
	}
	killed := make(chan *exec.Cmd, 1)
	go func() {
		p := b.pipes["fr-es"]
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if cmd := p.running.Load(); cmd != nil {
				time.Sleep(100 * time.Millisecond) // mid-request
				killGroup(cmd)
				killed <- cmd
				return
			}
		}
		killed <- nil
	}()
	res, err := backendtest.Translate(context.Background(), b, &translate.Request{From: "fr", To: "en", Segments: segs})
	dead := <-killed
	if dead == nil {
		t.Fatal("the pipeline never started")
	}
	if err != nil {
		t.Fatalf("after the pipeline was killed mid-request: %v", err)
	}
	for i, r := range res {
		if !strings.Contains(r.Text, " "+strconv.Itoa(i)+" ") {
			t.Fatalf("segment %d = %q: alignment shifted", i, r.Text)
		}
	}
	if now := b.pipes["fr-es"].running.Load(); now == nil || now == dead {
		t.Fatal("the killed pipeline was not started again: it was killed after the request")
	}
}
