package apertium

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/diglot/diglot/translate"
)

var (
	_ translate.Backend    = (*Backend)(nil)
	_ translate.Limited    = (*Backend)(nil)
	_ translate.PairLister = (*Backend)(nil)
	_ translate.Preparer   = (*Backend)(nil)
	_ translate.Modeler    = (*Backend)(nil)
	_ translate.Retrier    = (*Backend)(nil)
)

// Retry is how the pipeline retries Apertium: a few quick attempts. A local
// pipeline that died or hung is restarted by the next attempt; an APY server
// being restarted gets about five seconds to come back (it answers about
// half a second after it starts).
var Retry = translate.RetryPolicy{MaxAttempts: 6, Base: 200 * time.Millisecond, Multiplier: 2, Jitter: 0.2, Max: 2 * time.Second, Budget: 10 * time.Second}

// Options of the apertium backend.
var (
	optModes = translate.Option{
		Name:    "modes-dir",
		Help:    "directory of installed Apertium modes (local mode)",
		Default: DefaultModesDir,
		Env:     "APERTIUM_MODES_DIR",
	}
	optRoute = translate.Option{
		Name: "route",
		Help: "the chain of modes to translate through, joined by + (e.g. fr-eo+eo-en); " +
			"default: the documented chain for the pair (fr-es+spa-eng for fr→en)",
	}
	optTimeout = translate.Option{
		Name:    "timeout",
		Kind:    translate.KindDuration,
		Help:    "longest wait for the pipeline's next reply before it is restarted",
		Default: "60s",
	}
)

// Info registers the apertium backend.
func Info() translate.Info {
	return translate.Info{
		Name: "apertium",
		Description: "Apertium rule-based MT, offline: local pipelines (default) or an APY server " +
			"(--endpoint URL); fr→en goes through Spanish (apertium-fr-es, apertium-eng-spa)",
		Offline:          true,
		VerifyTermsFirst: true,
		Options:          []translate.Option{optModes, optRoute, optTimeout},
		Retry:            Retry,
		New:              New,
	}
}

// Backend translates with Apertium.
type Backend struct {
	modesDir string
	timeout  time.Duration
	chosen   string     // the route option, "" for the default
	apy      *apyClient // nil in local mode

	mu     sync.Mutex
	steps  []step               // installed (or served) steps, read once
	pipes  map[string]*pipeline // running local pipelines by mode name
	routes map[translate.Pair][]step
	last   []step // the route of the last pair prepared, for Model
}

// New builds the backend from cfg: APY mode when cfg.Endpoint is set.
func New(cfg translate.Config) (translate.Backend, error) {
	timeout := cfg.Duration(optTimeout)
	b := &Backend{
		modesDir: cfg.Get(optModes),
		timeout:  timeout,
		chosen:   strings.TrimSpace(cfg.Get(optRoute)),
		pipes:    map[string]*pipeline{},
		routes:   map[translate.Pair][]step{},
	}
	if cfg.Endpoint != "" {
		u, err := url.Parse(cfg.Endpoint)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("apertium: endpoint %q is not an http(s) URL", translate.Redact(cfg.Endpoint))
		}
		b.apy = &apyClient{base: u, client: translate.NewHTTPClient(cfg.HTTPClient, timeout)}
	}
	return b, nil
}

// RetryPolicy implements [translate.Retrier].
func (b *Backend) RetryPolicy() translate.RetryPolicy { return Retry }

// Limits implements [translate.Limited]. Local pipelines have no request
// limit (a request is cut into chunks of maxChunk bytes) and take many
// requests in flight: each step's process is written the next request while
// it still works on the last, so a queue of articles keeps every program of
// both steps busy (8 for each process of a mode, as --jobs defaults to 8).
// APY requests are bounded (see apyMaxChars).
func (b *Backend) Limits() translate.Limits {
	if b.apy != nil {
		return translate.Limits{MaxChars: apyMaxChars, InFlight: 4}
	}
	return translate.Limits{InFlight: 8 * procsPerMode}
}

// Model implements [translate.Modeler]: the chain of modes, e.g. "fr-es+spa-eng".
func (b *Backend) Model() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return routeName(b.last)
}

// RouteError is a route option that names no installed route for the pair.
// It is an input error: it wraps [translate.ErrUnsupportedPair].
type RouteError struct {
	Route     string
	Pair      translate.Pair
	Installed []string // the installed routes for the pair, default first
}

func (e *RouteError) Error() string {
	msg := fmt.Sprintf("apertium: route %q is not installed for %s", e.Route, e.Pair)
	if len(e.Installed) == 0 {
		return msg + " (no route is)"
	}
	return msg + " (installed: " + strings.Join(e.Installed, ", ") + ")"
}

func (e *RouteError) Unwrap() error { return translate.ErrUnsupportedPair }

func routeNames(rs [][]step) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = routeName(r)
	}
	return out
}

// PairRoutes is one pair and the routes installed for it.
type PairRoutes struct {
	Pair    translate.Pair
	Default string   // the route taken without a route option
	Routes  []string // every installed route of at most three steps
}

// Routes lists, for every reachable pair, the installed routes and the one
// taken by default, for `diglot backends`.
func (b *Backend) Routes(ctx context.Context) ([]PairRoutes, error) {
	steps, err := b.loadSteps(ctx)
	if err != nil {
		return nil, err
	}
	var out []PairRoutes
	for _, p := range pairs(steps) {
		out = append(out, PairRoutes{Pair: p, Default: routeName(route(steps, p.From, p.To)),
			Routes: routeNames(routesBetween(steps, p.From, p.To))})
	}
	return out, nil
}

// Pairs implements [translate.PairLister]: every pair reachable by chaining
// the installed (or served) pairs.
func (b *Backend) Pairs(ctx context.Context) ([]translate.Pair, error) {
	steps, err := b.loadSteps(ctx)
	if err != nil {
		return nil, err
	}
	return pairs(steps), nil
}

func (b *Backend) loadSteps(ctx context.Context) ([]step, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.steps != nil {
		return b.steps, nil
	}
	var steps []step
	var err error
	if b.apy != nil {
		steps, err = b.apy.listPairs(ctx)
	} else {
		steps, err = modeGraph(b.modesDir)
		if err != nil {
			err = fmt.Errorf("apertium: no modes in %s (is apertium installed? apt-get install apertium apertium-fr-es apertium-eng-spa): %w", b.modesDir, err)
		}
	}
	if err != nil {
		return nil, err
	}
	b.steps = steps
	return steps, nil
}

// Prepare implements [translate.Preparer]: it finds the chain of pairs for
// from→to and, in local mode, starts its pipelines.
func (b *Backend) Prepare(ctx context.Context, from, to string) error {
	_, err := b.route(ctx, from, to)
	return err
}

func (b *Backend) route(ctx context.Context, from, to string) ([]step, error) {
	key := translate.Pair{From: from, To: to}
	b.mu.Lock()
	r, ok := b.routes[key]
	b.mu.Unlock()
	if ok {
		return r, nil
	}
	steps, err := b.loadSteps(ctx)
	if err != nil {
		return nil, err
	}
	if b.chosen != "" {
		r = namedRoute(steps, b.chosen, from, to)
		if r == nil {
			return nil, &RouteError{Route: b.chosen, Pair: key, Installed: routeNames(routesBetween(steps, from, to))}
		}
	} else {
		r = route(steps, from, to)
	}
	if r == nil {
		return nil, &translate.UnsupportedPairError{Backend: "apertium", Pair: key, Available: pairs(steps)}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.apy == nil {
		for _, s := range r {
			if _, ok := b.pipes[s.Mode]; ok {
				continue
			}
			p, err := newPipeline(s.Mode, filepath.Join(b.modesDir, s.Mode+".mode"), b.timeout)
			if err != nil {
				return nil, err
			}
			b.pipes[s.Mode] = p
		}
	}
	b.routes[key], b.last = r, r
	return r, nil
}

// Translate implements [translate.Backend].
func (b *Backend) Translate(ctx context.Context, req *translate.Request) ([]translate.Result, error) {
	r, err := b.route(ctx, req.From, req.To)
	if err != nil {
		return nil, err
	}
	// Spans are the pipeline's business: Apertium has no way to keep one,
	// so the pipeline sends placeholders instead.
	texts := make([]string, len(req.Segments))
	for i, s := range req.Segments {
		texts[i] = s.Text
	}
	unknown := make([][]string, len(texts))
	if b.apy != nil {
		err = b.translateAPY(ctx, r, req, texts, unknown)
	} else {
		err = b.translateLocal(ctx, r, texts, unknown)
	}
	if err != nil {
		return nil, err
	}
	out := make([]translate.Result, len(texts))
	for i := range req.Segments {
		out[i] = translate.Result{Text: collapseSpaces(texts[i]), Unknown: unknown[i]}
	}
	return out, translate.CheckReply(req, out)
}

// translateLocal runs texts through each step's pipeline in turn, replacing
// each text with its translation and collecting unknown words.
func (b *Backend) translateLocal(ctx context.Context, route []step, texts []string, unknown [][]string) error {
	for _, s := range route {
		b.mu.Lock()
		p := b.pipes[s.Mode]
		b.mu.Unlock()
		raw, err := p.run(ctx, texts)
		if err != nil {
			return err
		}
		for i, chunk := range raw {
			var u []string
			texts[i], u = reformat(chunk)
			unknown[i] = translate.MergeWords(unknown[i], u)
		}
	}
	return nil
}

// translateAPY sends texts to APY, one request per step of the route
// (/translate with that step's pair), in a batch the pipeline has fitted to
// apyMaxChars. Between steps the unknown-word marks are removed and recorded,
// as local mode does: APY's /translateChain passes each step's marks to the
// next one, which reads "*Tea *Party" as "Tea * **Party", and it picks its
// own route. A batch whose reply has the wrong number of paragraphs is
// halved and sent again: that is APY's protocol, not batching.
func (b *Backend) translateAPY(ctx context.Context, r []step, req *translate.Request, texts []string, unknown [][]string) error {
	if err := translate.CheckLimits(req.Segments, b.Limits()); err != nil {
		return fmt.Errorf("apertium: apy: %w", err)
	}
	cur, added := joinParagraphs(texts)
	for _, s := range r {
		src, tgt, _ := strings.Cut(s.Mode, "-")
		if err := b.apyStep(ctx, src+"|"+tgt, cur, unknown); err != nil {
			return err
		}
	}
	for i, t := range cur {
		if added[i] {
			t = strings.TrimSuffix(t, ".")
		}
		texts[i] = apyUnescape(t)
	}
	return nil
}

// apyStep translates texts (escaped for APY) through one pair in place.
func (b *Backend) apyStep(ctx context.Context, pair string, texts []string, unknown [][]string) error {
	reply, err := b.apy.translate(ctx, pair, strings.Join(texts, "\n\n"))
	if err != nil {
		return fmt.Errorf("apertium: apy: %w", err)
	}
	parts := strings.Split(strings.TrimSpace(reply), "\n\n")
	if len(parts) != len(texts) {
		if len(texts) == 1 {
			return fmt.Errorf("apertium: apy: %w: reply does not hold one paragraph", translate.ErrBadReply)
		}
		half := len(texts) / 2
		if err := b.apyStep(ctx, pair, texts[:half], unknown[:half]); err != nil {
			return err
		}
		return b.apyStep(ctx, pair, texts[half:], unknown[half:])
	}
	for i, p := range parts {
		t, u := stripMarks(strings.TrimSpace(p))
		texts[i], unknown[i] = t, translate.MergeWords(unknown[i], u)
	}
	return nil
}

// Close stops the local pipelines.
func (b *Backend) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.pipes {
		p.close()
	}
	return nil
}

// collapseSpaces trims the text and folds the runs of ASCII spaces that
// Apertium leaves where it drops a word; other spaces (no-break spaces in
// "6 500") are kept as they are.
func collapseSpaces(s string) string {
	s = strings.TrimSpace(s)
	for strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " ")
	}
	return s
}
