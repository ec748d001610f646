package pipeline_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/tm"
	"github.com/diglot/diglot/translate"
	"github.com/diglot/diglot/translate/fake"
)

// sentCounter is a fake backend's Fail hook that counts the texts sent.
// The first request is held until gate is closed, and started is closed
// when it arrives: a test orders two workers by these, not by sleeping.
type sentCounter struct {
	mu      sync.Mutex
	sent    map[string]int
	calls   int
	started chan struct{}
	gate    chan struct{}
	fail    func(req *translate.Request) error
}

func newSentCounter() *sentCounter {
	return &sentCounter{started: make(chan struct{}), gate: make(chan struct{})}
}

func (c *sentCounter) hook(_ int, req *translate.Request) error {
	c.mu.Lock()
	if c.sent == nil {
		c.sent = map[string]int{}
	}
	for _, s := range req.Segments {
		c.sent[s.Text]++
	}
	first := c.calls == 0
	c.calls++
	c.mu.Unlock()
	if first {
		close(c.started)
		<-c.gate
	}
	if c.fail != nil {
		return c.fail(req)
	}
	return nil
}

// claimSignal is a memory that closes claimed once its first Claim has
// returned: the other worker's claims are then known to it.
type claimSignal struct {
	*tm.Memory
	once    sync.Once
	claimed chan struct{}
}

func (m *claimSignal) Claim(ctx context.Context, k tm.Key, sources []string, lease time.Duration) ([]bool, func(), error) {
	mine, release, err := m.Memory.Claim(ctx, k, sources, lease)
	m.once.Do(func() { close(m.claimed) })
	return mine, release, err
}

// workers opens the same SQLite memory twice, as two processes would, and
// makes a pipeline on each with the backend. The first request of the
// first worker is held until the second worker has tried its claims, so
// that the second always finds the first's claims in place.
func workers(t *testing.T, c *sentCounter, wait time.Duration) (*pipeline.Pipeline, *pipeline.Pipeline) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tm.db")
	b := &fake.Backend{Fail: c.hook}
	var ps []*pipeline.Pipeline
	for i := range 2 {
		m, err := tm.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { m.Close() })
		var mem pipeline.Memory = m
		if i == 1 {
			sig := &claimSignal{Memory: m, claimed: make(chan struct{})}
			go func() { <-sig.claimed; close(c.gate) }()
			mem = sig
		}
		ps = append(ps, newPipeline(t, b, func(cfg *pipeline.Config) { cfg.Memory, cfg.ClaimWait = mem, wait }))
	}
	return ps[0], ps[1]
}

const (
	articleA = "La guerre est finie.\n\nLe président a déclaré la paix.\n\nLundi à Lyon.\n"
	articleB = "La guerre est finie.\n\nLe président a déclaré la paix.\n\nMardi à Paris.\n"
)

// Two workers on the same paragraphs at the same time: each paragraph is
// sent once; the second worker waits for the first's translations and
// takes them from the memory.
func TestClaimSendsASharedParagraphOnce(t *testing.T) {
	c := newSentCounter()
	p1, p2 := workers(t, c, time.Minute)
	var st [2]pipeline.Stats
	var errs [2]error
	var wg sync.WaitGroup
	for i, job := range []struct {
		p    *pipeline.Pipeline
		text string
	}{{p1, articleA}, {p2, articleB}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i == 1 {
				<-c.started // the first has claimed its paragraphs and is sending them
			}
			_, st[i], errs[i] = job.p.Document(context.Background(), parse(t, job.text), "a.txt")
		}()
	}
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		t.Fatal(err)
	}
	for text, n := range c.sent {
		if n != 1 {
			t.Errorf("%q sent %d times", text, n)
		}
	}
	if len(c.sent) != 4 {
		t.Errorf("sent %d distinct paragraphs, want 4: %v", len(c.sent), c.sent)
	}
	if st[1].Waited != 2 || st[1].MemoryHits != 2 || st[1].Translated != 1 || st[1].WaitedThenSent != 0 || st[0].Waited != 0 {
		t.Errorf("stats: first %+v, second %+v", st[0], st[1])
	}
}

// A worker whose requests fail lets go of its claims: the one waiting
// takes them over and sends the paragraphs itself, before the bound.
func TestClaimTakenOverWhenItsWorkerFails(t *testing.T) {
	c := newSentCounter()
	var calls sync.Mutex
	first := true
	c.fail = func(req *translate.Request) error {
		calls.Lock()
		defer calls.Unlock()
		if first {
			first = false
			return translate.ErrAuth
		}
		return nil
	}
	p1, p2 := workers(t, c, time.Minute)
	done := make(chan error)
	go func() {
		_, _, err := p1.Document(context.Background(), parse(t, articleA), "a.txt")
		done <- err
	}()
	<-c.started
	start := time.Now()
	doc, st, err := p2.Document(context.Background(), parse(t, articleB), "b.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, translate.ErrAuth) {
		t.Fatalf("first worker: %v", err)
	}
	if st.Waited != 2 || st.WaitedThenSent != 0 || st.Translated != 3 || doc.Segments[0].Target == "" {
		t.Errorf("second worker: %+v", st)
	}
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("took %v: waited out the bound", took)
	}
}

// stuck is a memory whose every source is claimed by someone who never
// stores a translation.
type stuck struct{ pipeline.Memory }

func (stuck) Claim(_ context.Context, _ tm.Key, sources []string, _ time.Duration) ([]bool, func(), error) {
	return make([]bool, len(sources)), func() {}, nil
}

// What is still missing at the bound is sent by the waiting worker.
func TestClaimWaitIsBounded(t *testing.T) {
	m, err := tm.Open(filepath.Join(t.TempDir(), "tm.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	b := &fake.Backend{}
	p := newPipeline(t, b, func(c *pipeline.Config) { c.Memory, c.ClaimWait = stuck{m}, 100*time.Millisecond })
	doc, st, err := p.Document(context.Background(), parse(t, articleA), "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if st.Waited != 3 || st.WaitedThenSent != 3 || st.Translated != 3 || doc.Segments[2].Target == "" {
		t.Errorf("stats %+v", st)
	}
	// A stop while waiting ends the article, ErrStopped.
	stop := make(chan struct{})
	close(stop)
	p = newPipeline(t, b, func(c *pipeline.Config) { c.Memory, c.ClaimWait, c.Stop = stuck{m}, time.Minute, stop })
	if _, _, err := p.Document(context.Background(), parse(t, "Une autre phrase.\n"), "c.txt"); !errors.Is(err, pipeline.ErrStopped) {
		t.Errorf("stopped while waiting: %v", err)
	}
}
