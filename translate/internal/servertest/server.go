package servertest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Fault is a failure the server injects instead of answering.
type Fault string

// The faults every dialect supports; [Dialect.Faults] gives their replies.
const (
	RateLimit   Fault = "rate-limit"  // 429 with Retry-After: 1
	Unavailable Fault = "unavailable" // 503
	ServerError Fault = "server-error"
	Auth        Fault = "auth"      // 401, or the vendor's bad-key reply
	Forbidden   Fault = "forbidden" // 403 on the credentials
	Quota       Fault = "quota"     // the vendor's quota-exhausted reply
	// Connection-level faults, the same for every dialect.
	Reset     Fault = "reset"     // the connection is closed with a TCP reset
	Truncated Fault = "truncated" // the body is cut short of its Content-Length
	Hang      Fault = "hang"      // no reply for HangFor (or until the client gives up), then a reset
)

// HangFor is how long a [Hang] lasts unless [Server.SetHang] says otherwise:
// the fault ends by itself, with the connection reset, so that no test
// depends on a client timeout shorter than a loaded machine's replies.
const HangFor = 250 * time.Millisecond

// Reply is an HTTP error reply in a vendor's format.
type Reply struct {
	Status int
	// Reason is the vendor's machine-readable reason (Google's errors[].reason,
	// OpenAI's error.code), if it has one.
	Reason  string
	Message string
	Header  http.Header
}

// Dialect is what differs between vendors' servers.
type Dialect struct {
	Name string
	// WriteError writes r in the vendor's error body format.
	WriteError func(w http.ResponseWriter, r Reply)
	// Faults gives the reply for each HTTP-level fault the vendor has.
	Faults map[Fault]Reply
	// Behaviours are faults the vendor's handler acts out itself (an LLM
	// that drops a segment); the handler reads them with [Behaviour].
	Behaviours []Fault
}

type behaviourKey struct{}

// Behaviour returns the behaviour fault injected into this request, if any.
func Behaviour(r *http.Request) Fault {
	f, _ := r.Context().Value(behaviourKey{}).(Fault)
	return f
}

// Server is a fake vendor server. Handlers call [Server.Unexpected] on a
// request the real API would not accept and [Server.OverLimit] on one over
// its limits.
type Server struct {
	*httptest.Server
	tb      testing.TB
	dialect Dialect
	release chan struct{}

	mu          sync.Mutex
	latency     time.Duration
	hang        time.Duration
	faults      []Fault
	windows     []window
	from        []fromRule
	now         func() time.Time
	rates       []rate
	rng         *rand.Rand
	seen        map[Fault]int
	requests    int
	inFlight    int
	maxInFlight int
	violations  []string
}

// New starts a server that runs h for every request not taken by a fault. It
// stops when the test ends.
func New(tb testing.TB, d Dialect, h http.HandlerFunc) *Server {
	s := &Server{tb: tb, dialect: d, release: make(chan struct{}), hang: HangFor, now: time.Now, seen: map[Fault]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.serve(w, r, h)
	}))
	tb.Cleanup(func() {
		close(s.release)
		s.Server.Close()
	})
	return s
}

// SetLatency delays every reply by d.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// SetHang makes each [Hang] last d; tests of a client's timeout set it
// longer than the timeout.
func (s *Server) SetHang(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hang = d
}

// Inject makes the next n requests fail with f.
func (s *Server) Inject(f Fault, n int) {
	if !s.Supports(f) {
		s.tb.Fatalf("%s server: no fault %q", s.dialect.Name, f)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults = append(s.faults, f)
	}
}

// window is a fault given to every request until a time.
type window struct {
	fault Fault
	until time.Time
}

// rate is a fault given to a share of the requests.
type rate struct {
	fault Fault
	p     float64
}

// InjectRate makes a share p (0 to 1) of the requests fail with f, drawn
// from a generator seeded with seed (the same requests fail in every run of
// a test): a server that answers 10 % of requests with 429.
func (s *Server) InjectRate(f Fault, p float64, seed uint64) {
	if !s.Supports(f) {
		s.tb.Fatalf("%s server: no fault %q", s.dialect.Name, f)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rng == nil {
		s.rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	}
	s.rates = append(s.rates, rate{fault: f, p: p})
}

// fromRule is a fault given to every request from the n-th on.
type fromRule struct {
	fault Fault
	n     int
}

// SetClock makes the server read the time from now, for the faults
// scheduled by time ([Server.InjectFor]); tests whose client waits through a
// [Clock] make hours of waiting instant.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// InjectFor makes every request fail with f for d from now, as DeepL's mock
// server does with its session headers: a rate limit that lasts 6 seconds
// whatever the client does. Faults injected by count come first.
func (s *Server) InjectFor(f Fault, d time.Duration) {
	if !s.Supports(f) {
		s.tb.Fatalf("%s server: no fault %q", s.dialect.Name, f)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.windows = append(s.windows, window{fault: f, until: s.now().Add(d)})
}

// InjectFrom makes the n-th request from now (1 is the next) and every one
// after it fail with f: a quota that runs out and stays out.
func (s *Server) InjectFrom(f Fault, n int) {
	if !s.Supports(f) {
		s.tb.Fatalf("%s server: no fault %q", s.dialect.Name, f)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.from = append(s.from, fromRule{fault: f, n: s.requests + n})
}

// Stats is what a server saw.
type Stats struct {
	Requests    int
	MaxInFlight int
	// Faults counts the requests that got each fault.
	Faults map[Fault]int
	// Violations lists the requests that were over the vendor's limits.
	Violations []string
}

// Stats returns what the server has seen so far.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	faults := make(map[Fault]int, len(s.seen))
	for f, n := range s.seen {
		faults[f] = n
	}
	return Stats{Requests: s.requests, MaxInFlight: s.maxInFlight, Faults: faults, Violations: append([]string(nil), s.violations...)}
}

// Unexpected fails the test for a request the real API would refuse as
// malformed, and answers 400.
func (s *Server) Unexpected(w http.ResponseWriter, r *http.Request, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.tb.Errorf("%s server: unexpected request %s %s: %s", s.dialect.Name, r.Method, r.URL.Path, msg)
	s.WriteError(w, Reply{Status: http.StatusBadRequest, Message: msg})
}

// OverLimit records a request over the vendor's limits and answers it as the
// vendor does.
func (s *Server) OverLimit(w http.ResponseWriter, reply Reply) {
	s.mu.Lock()
	s.violations = append(s.violations, reply.Message)
	s.mu.Unlock()
	s.WriteError(w, reply)
}

// WriteError writes reply in the vendor's format.
func (s *Server) WriteError(w http.ResponseWriter, reply Reply) {
	for k, v := range reply.Header {
		w.Header()[k] = v
	}
	s.dialect.WriteError(w, reply)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, h http.HandlerFunc) {
	s.mu.Lock()
	s.requests++
	s.inFlight++
	s.maxInFlight = max(s.maxInFlight, s.inFlight)
	latency := s.latency
	var fault Fault
	if len(s.faults) > 0 {
		fault, s.faults = s.faults[0], s.faults[1:]
	}
	now := s.now()
	for _, w := range s.windows {
		if fault == "" && now.Before(w.until) {
			fault = w.fault
		}
	}
	for _, r := range s.from {
		if fault == "" && s.requests >= r.n {
			fault = r.fault
		}
	}
	if fault == "" && len(s.rates) > 0 {
		x := s.rng.Float64()
		for _, r := range s.rates {
			if x < r.p {
				fault = r.fault
				break
			}
			x -= r.p
		}
	}
	if fault != "" {
		s.seen[fault]++
	}
	ua := r.Header.Get("User-Agent")
	s.mu.Unlock()
	if !strings.Contains(ua, UserAgentPrefix) || !strings.Contains(ua, "(+https://github.com/diglot/diglot)") {
		s.Unexpected(w, r, "User-Agent %q does not say diglot/VERSION (+https://github.com/diglot/diglot)", ua)
		return
	}
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	if latency > 0 {
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
			return
		}
	}
	switch {
	case fault == "":
		h(w, r)
	case slices.Contains(s.dialect.Behaviours, fault):
		h(w, r.WithContext(context.WithValue(r.Context(), behaviourKey{}, fault)))
	default:
		s.fault(w, r, fault)
	}
}

func (s *Server) fault(w http.ResponseWriter, r *http.Request, fault Fault) {
	switch fault {
	case Hang:
		s.mu.Lock()
		d := s.hang
		s.mu.Unlock()
		select {
		case <-r.Context().Done():
		case <-s.release:
		case <-time.After(d):
			reset(w)
		}
	case Reset:
		reset(w)
	case Truncated:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "4096")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"data": {"translations": [{"translatedText": "The ca`))
	default:
		s.WriteError(w, s.dialect.Faults[fault])
	}
}

// reset closes the connection with a TCP RST, as a crashed proxy does.
func reset(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// UserAgentPrefix names diglot in the User-Agent every request must send
// (a vendor's client library may put its own name first).
const UserAgentPrefix = "diglot/"

// Clock is a test's time: Sleep advances it at once. Give Now to
// [Server.SetClock] and Sleep to the pipeline, and a 6-second outage is
// waited out in no time, with the waits the policy really makes.
type Clock struct {
	mu sync.Mutex
	t  time.Time
	// Waited is the sum of the waits.
	waited time.Duration
}

// NewClock returns a clock at the current time.
func NewClock() *Clock { return &Clock{t: time.Now()} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Sleep advances the clock by d, unless ctx is done.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	c.waited += d
	return nil
}

// Waited returns the sum of the waits so far.
func (c *Clock) Waited() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.waited
}

// RetryAfter is a header that asks for a retry after secs seconds.
func RetryAfter(secs int) http.Header {
	return http.Header{"Retry-After": {fmt.Sprint(secs)}}
}

// Supports reports whether the server can inject f.
func (s *Server) Supports(f Fault) bool {
	_, ok := s.dialect.Faults[f]
	return ok || f == Reset || f == Truncated || f == Hang || slices.Contains(s.dialect.Behaviours, f)
}

// WriteJSON writes v as a 200 JSON reply, with <, > and & unescaped as
// vendors send them.
func WriteJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
