package apertium

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/diglot/diglot/translate"
)

// maxChunk bounds the bytes of one chunk (one null flush). A request's
// segments travel in as few chunks as fit, each segment opened by its
// marker; the bound keeps the wait for one reply, which the timeout
// measures, short whatever the request's size.
const maxChunk = 16 << 10

// pipeline is one Apertium mode, run in null-flush mode by a process that
// is started on the first request and kept for the run.
type pipeline struct {
	mode    string // mode name, for messages
	script  string // the shell pipeline, as the mode file gives it with -z added
	timeout time.Duration

	n int // processes at most (see pipelinesFor)

	mu    sync.Mutex
	procs []*proc // the running processes: none before the first request
	// running is the process, readable without mu (tests kill it mid-run).
	running atomic.Pointer[exec.Cmd]
	seq     atomic.Uint64 // the next segment's marker number
	starts  atomic.Int64  // processes started so far
}

// proc is one run of a pipeline's processes. Requests are written to it one
// after the other, each as soon as the one before is written, while a reader
// goroutine hands out the replies in the same order: the pipeline stays fed
// across requests instead of draining between them.
type proc struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr *limitedBuffer
	exited chan struct{} // closed when the process has exited
	turn   chan struct{} // held while a request is being written
	dead   chan struct{} // closed by fail
	load   atomic.Int32  // requests being written or waiting for replies
	last   atomic.Int64  // when the last reply chunk came (UnixNano)

	mu      sync.Mutex
	waiting []*call // written or being written, oldest first
	err     error   // why the process was stopped
}

// call is one request's wait for the replies to its chunks.
type call struct {
	chunks  int
	replies []string
	err     error
	done    chan struct{}
}

// programsWithoutZ are the programs that take no -z flag (APY's list).
var programsWithoutZ = regexp.MustCompile(`^\s*(vislcg3|cg-mwesplit|hfst-tokeni[sz]e|divvun-suggest)\b`)

// nullFlushScript turns a mode file's pipeline into one where every program
// runs in null-flush mode, generation marks unknown words (-g), and the tagger
// takes no extra option.
func nullFlushScript(mode string) string {
	mode = strings.NewReplacer("$1", "-g", "$2", "").Replace(strings.TrimSpace(mode))
	cmds := strings.Split(mode, "|")
	for i, c := range cmds {
		c = strings.TrimSpace(c)
		if !programsWithoutZ.MatchString(c) {
			prog, rest, _ := strings.Cut(c, " ")
			c = prog + " -z " + rest
		}
		cmds[i] = c
	}
	return strings.Join(cmds, " | ")
}

// stageShare is the part of a pipeline's CPU time its busiest program
// takes: 15% for fr-es's transfer, measured with perf on 100 WMT articles.
// One pipeline keeps at most 1/stageShare cores busy (about 6.7).
const stageShare = 0.15

// pipelinesFor is how many processes a mode runs on ncpu cores: one until
// the cores outnumber what one pipeline can keep busy, then one more for
// each 1/stageShare cores. Each costs Apertium's start-up (about a second)
// and its memory, so none is started that the cores could not feed.
func pipelinesFor(ncpu int) int {
	return max(1, int(math.Ceil(float64(ncpu)*stageShare-1e-9)))
}

// procsPerMode is pipelinesFor this machine (tests change it).
var procsPerMode = pipelinesFor(runtime.NumCPU())

func newPipeline(name, modeFile string, timeout time.Duration) (*pipeline, error) {
	if errLocal != nil {
		return nil, errLocal
	}
	data, err := os.ReadFile(modeFile)
	if err != nil {
		return nil, fmt.Errorf("apertium: mode %s: %w", name, err)
	}
	if strings.TrimSpace(string(data)) == "" {
		return nil, fmt.Errorf("apertium: mode file %s is empty", modeFile)
	}
	return &pipeline{mode: name, script: nullFlushScript(string(data)), timeout: timeout, n: procsPerMode}, nil
}

// start runs the pipeline's processes and the goroutine reading their output.
func (p *pipeline) start() (*proc, error) {
	cmd := exec.Command("bash", "-c", p.script)
	if err := ownGroup(cmd); err != nil {
		return nil, err
	}
	// Apertium's programs need a UTF-8 locale to read letters as letters.
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	pr := &proc{
		cmd: cmd, stdin: stdin, stdout: bufio.NewReaderSize(stdout, 64<<10),
		stderr: &limitedBuffer{max: 4096},
		exited: make(chan struct{}), turn: make(chan struct{}, 1), dead: make(chan struct{}),
	}
	cmd.Stderr = pr.stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("apertium: start %s: %w", p.mode, err)
	}
	p.running.Store(cmd)
	p.starts.Add(1)
	go func() {
		cmd.Wait()
		close(pr.exited)
	}()
	go pr.read()
	return pr, nil
}

// read hands each reply chunk to the oldest call waiting for one, until the
// process fails or exits.
func (pr *proc) read() {
	for {
		s, err := pr.stdout.ReadString(0)
		if err != nil {
			if err == io.EOF {
				err = fmt.Errorf("%w: the pipeline exited", translate.ErrUnavailable)
			} else {
				err = fmt.Errorf("%w: reading reply: %v", translate.ErrUnavailable, err)
			}
			// The last program closed its output: at the end of input the
			// others are exiting too, and bash must reap them (their CPU
			// time is counted that way); kill only what lingers.
			pr.stop(err)
			select {
			case <-pr.exited:
			case <-time.After(2 * time.Second):
				killGroup(pr.cmd)
			}
			return
		}
		pr.last.Store(time.Now().UnixNano())
		pr.mu.Lock()
		if len(pr.waiting) == 0 {
			pr.mu.Unlock()
			if strings.Trim(s, " \n\x00") == "" {
				continue // the programs flush once more at the end of input
			}
			pr.fail(fmt.Errorf("%w: the pipeline wrote a reply nobody asked for", translate.ErrBadReply))
			return
		}
		c := pr.waiting[0]
		c.replies = append(c.replies, s)
		if len(c.replies) == c.chunks {
			pr.waiting = pr.waiting[1:]
			close(c.done)
		}
		pr.mu.Unlock()
	}
}

// fail stops the process, if it was not stopped already, and fails every
// call still waiting with err.
func (pr *proc) fail(err error) {
	if !pr.stop(err) {
		return
	}
	select {
	case <-pr.exited:
	default:
		killGroup(pr.cmd)
	}
}

// stop records err as why pr stopped, closes its input and fails every call
// still waiting; it reports whether pr was running until then.
func (pr *proc) stop(err error) bool {
	pr.mu.Lock()
	if pr.err != nil {
		pr.mu.Unlock()
		return false
	}
	pr.err = err
	waiting := pr.waiting
	pr.waiting = nil
	close(pr.dead)
	pr.mu.Unlock()
	pr.stdin.Close()
	for _, c := range waiting {
		c.err = err
		close(c.done)
	}
	return true
}

// failed returns why the process was stopped, or nil while it runs.
func (pr *proc) failed() error {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return pr.err
}

// close ends the pipeline gracefully: end of input, then a bounded wait.
func (p *pipeline) close() {
	p.mu.Lock()
	procs := p.procs
	p.procs = nil
	p.mu.Unlock()
	for _, pr := range procs {
		pr.stdin.Close()
	}
	for _, pr := range procs {
		select {
		case <-pr.exited:
		case <-time.After(2 * time.Second):
		}
		pr.fail(fmt.Errorf("%w: the pipeline was closed", translate.ErrUnavailable))
		<-pr.exited
	}
}

// marker is the superblank that opens segment n; Apertium passes it through.
func marker(n uint64) string { return "[<dglt " + strconv.FormatUint(n, 10) + ">]" }

// run translates texts and returns the raw stream output of each, its
// marker removed. The texts go in as few chunks as maxChunk allows, each
// text opened by its marker, so that a chunk costs one flush through the
// pipeline however many segments it holds; a chunk whose reply does not
// hold each marker once, in order, is sent again one segment a chunk, the
// marker then leading the chunk, and fails the request if it still does not
// come back in step. An alignment is never shifted.
func (p *pipeline) run(ctx context.Context, texts []string) ([]string, error) {
	if len(texts) == 0 {
		return nil, nil // nothing to send: a chunk of no segment gets no reply
	}
	out, err := p.runChunks(ctx, texts, maxChunk)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("apertium: %s: %w", p.mode, err)
	}
	return out, nil
}

// runChunks is run with chunks of at most limit bytes (a chunk holds at
// least one segment).
func (p *pipeline) runChunks(ctx context.Context, texts []string, limit int) ([]string, error) {
	first := p.seq.Add(uint64(len(texts))) - uint64(len(texts))
	var data bytes.Buffer
	var bounds []int // the index of each chunk's first text, and len(texts)
	size := 0
	for i, t := range texts {
		d := deformat(t)
		m := marker(first + uint64(i))
		if i > 0 && size+len(m)+len(d) > limit {
			data.WriteByte(0)
			size = 0
		}
		if size == 0 {
			bounds = append(bounds, i)
		}
		data.WriteString(m)
		data.WriteString(d)
		size += len(m) + len(d)
	}
	data.WriteByte(0)
	bounds = append(bounds, len(texts))

	replies, pr, err := p.exchange(ctx, data.Bytes(), len(bounds)-1)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(texts))
	for k, reply := range replies {
		lo, hi := bounds[k], bounds[k+1]
		parts, err := splitReply(reply, first+uint64(lo), hi-lo)
		if err != nil && hi-lo > 1 {
			parts, err = p.runChunks(ctx, texts[lo:hi], 0)
		}
		if err != nil {
			// The framing may be out of step too: start afresh.
			p.drop(pr, err)
			return nil, err
		}
		copy(out[lo:hi], parts)
	}
	return out, nil
}

// exchange writes data, which ends n chunks, and returns the n replies. It
// goes to the least busy process, starting one if none runs (or all are
// busy and fewer than p.n run), and stops that process on any failure: the
// next request starts another.
func (p *pipeline) exchange(ctx context.Context, data []byte, n int) ([]string, *proc, error) {
	p.mu.Lock()
	pr := p.pick()
	if pr != nil {
		if err := pr.failed(); err != nil {
			// It died between requests: this attempt fails (and is
			// retried), the next one starts another.
			p.remove(pr)
			p.mu.Unlock()
			return nil, nil, p.explain(pr, err)
		}
	} else {
		var err error
		if pr, err = p.start(); err != nil {
			p.mu.Unlock()
			return nil, nil, err
		}
		p.procs = append(p.procs, pr)
	}
	pr.load.Add(1)
	p.mu.Unlock()
	defer pr.load.Add(-1)

	replies, err := p.call(ctx, pr, data, n)
	if err != nil {
		p.drop(pr, err)
		return nil, nil, p.explain(pr, err)
	}
	return replies, pr, nil
}

// pick returns the running process with the fewest requests, or nil when a
// new one should start. Called with p.mu held.
func (p *pipeline) pick() *proc {
	var best *proc
	for _, pr := range p.procs {
		if best == nil || pr.load.Load() < best.load.Load() {
			best = pr
		}
	}
	if best != nil && best.load.Load() > 0 && len(p.procs) < p.n {
		return nil
	}
	return best
}

// remove forgets pr. Called with p.mu held.
func (p *pipeline) remove(pr *proc) {
	p.procs = slices.DeleteFunc(p.procs, func(x *proc) bool { return x == pr })
}

// drop stops pr for err, so that the next request starts a new process.
func (p *pipeline) drop(pr *proc, err error) {
	pr.fail(err)
	p.mu.Lock()
	p.remove(pr)
	p.mu.Unlock()
}

// call writes data to pr as soon as the requests before it are written, and
// waits for its replies. The timeout runs from the later of the request and
// the last reply chunk pr gave anyone: requests queued behind others do not
// time out while the pipeline makes progress.
func (p *pipeline) call(ctx context.Context, pr *proc, data []byte, n int) ([]string, error) {
	select {
	case pr.turn <- struct{}{}:
	case <-pr.dead:
		return nil, pr.failed()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	c := &call{chunks: n, done: make(chan struct{})}
	pr.mu.Lock()
	if pr.err != nil {
		pr.mu.Unlock()
		<-pr.turn
		return nil, pr.failed()
	}
	pr.waiting = append(pr.waiting, c)
	pr.mu.Unlock()
	go func() {
		_, err := pr.stdin.Write(data)
		<-pr.turn
		if err != nil {
			pr.fail(fmt.Errorf("%w: writing request: %v", translate.ErrUnavailable, err))
		}
	}()

	start := time.Now()
	timer := time.NewTimer(p.timeout)
	defer timer.Stop()
	for {
		select {
		case <-c.done:
			return c.replies, c.err
		case <-ctx.Done():
			// What was written cannot be taken back: the process is
			// stopped, and the next request starts it again.
			return nil, ctx.Err()
		case <-timer.C:
			since := start
			if t := time.Unix(0, pr.last.Load()); t.After(since) {
				since = t
			}
			if left := p.timeout - time.Since(since); left > 0 {
				timer.Reset(left)
				continue
			}
			return nil, fmt.Errorf("%w: no reply within %v", translate.ErrUnavailable, p.timeout)
		}
	}
}

// explain adds the first line the pipeline wrote to stderr, if any, to err.
func (p *pipeline) explain(pr *proc, err error) error {
	if msg := strings.TrimSpace(pr.stderr.String()); msg != "" && ctxErr(err) == nil {
		return fmt.Errorf("%w (%s)", err, firstLine(msg))
	}
	return err
}

func ctxErr(err error) error {
	if err == context.Canceled || err == context.DeadlineExceeded {
		return err
	}
	return nil
}

// splitReply cuts one chunk of pipeline output into the outputs of its n
// segments, numbered from first. It is an error unless the chunk holds the n
// markers, each exactly once and in order, with nothing but blanks before
// the first, and, when there are several, each segment's output ends with
// the empty superblank that ended its input: a marker lost, doubled,
// mangled, moved past a word or to another chunk never shifts an alignment.
// Markers are found as Apertium writes superblanks, so text that only looks
// like one (it was escaped) is text.
func splitReply(s string, first uint64, n int) ([]string, error) {
	s = strings.TrimSuffix(s, "\x00")
	parts := make([]string, 0, n)
	start := -1 // where the current segment's output starts
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			j := superblankEnd(s, i+1)
			if num, ok := markerNumber(s[i+1 : j]); ok && j < len(s) {
				if start >= 0 {
					parts = append(parts, s[start:i])
				} else if strings.Trim(s[:i], " \n") != "" {
					return nil, fmt.Errorf("%w: text before the first segment's marker", translate.ErrBadReply)
				}
				if len(parts) >= n || num != first+uint64(len(parts)) {
					return nil, fmt.Errorf("%w: segment %d came back out of step", translate.ErrBadReply, len(parts)+1)
				}
				start = j + 1
			}
			i = j
		}
	}
	if start < 0 {
		return nil, fmt.Errorf("%w: a reply without its markers", translate.ErrBadReply)
	}
	parts = append(parts, s[start:])
	if len(parts) != n {
		return nil, fmt.Errorf("%w: %d of %d segments came back", translate.ErrBadReply, len(parts), n)
	}
	if n > 1 {
		// Each segment ends with the empty superblank deformat put there:
		// a word past it belongs to the next segment, whose marker moved.
		for k, part := range parts {
			if !strings.HasSuffix(strings.TrimRight(part, " \n"), "[]") {
				return nil, fmt.Errorf("%w: segment %d came back without its end", translate.ErrBadReply, k+1)
			}
		}
	}
	return parts, nil
}

// markerNumber reads the number of a marker's superblank content ("<dglt 12>").
func markerNumber(s string) (uint64, bool) {
	d, ok := strings.CutPrefix(s, "<dglt ")
	if !ok {
		return 0, false
	}
	d, ok = strings.CutSuffix(d, ">")
	if !ok || d == "" {
		return 0, false
	}
	n, err := strconv.ParseUint(d, 10, 64)
	return n, err == nil && strconv.FormatUint(n, 10) == d
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	mu  sync.Mutex
	max int
	buf bytes.Buffer
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (b *limitedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
