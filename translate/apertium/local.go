package apertium

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/diglot/diglot/translate"
)

// pipeline is one running Apertium mode in null-flush mode.
type pipeline struct {
	mode    string // mode name, for messages
	script  string // the shell pipeline, as the mode file gives it with -z added
	timeout time.Duration

	mu     sync.Mutex
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr *limitedBuffer
	done   chan struct{} // closed when the process has exited
	seq    uint64
	// running is the process, readable without mu (tests kill it mid-run).
	running atomic.Pointer[exec.Cmd]
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
	return &pipeline{mode: name, script: nullFlushScript(string(data)), timeout: timeout}, nil
}

// start runs the pipeline's processes. Called with p.mu held.
func (p *pipeline) start() error {
	cmd := exec.Command("bash", "-c", p.script)
	if err := ownGroup(cmd); err != nil {
		return err
	}
	// Apertium's programs need a UTF-8 locale to read letters as letters.
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	p.stderr = &limitedBuffer{max: 4096}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("apertium: start %s: %w", p.mode, err)
	}
	p.cmd, p.stdin, p.stdout = cmd, stdin, bufio.NewReaderSize(stdout, 64<<10)
	p.done = make(chan struct{})
	p.running.Store(cmd)
	go func(done chan struct{}) {
		cmd.Wait()
		close(done)
	}(p.done)
	return nil
}

// stop ends the processes at once. Called with p.mu held.
func (p *pipeline) stop() {
	if p.cmd == nil {
		return
	}
	p.stdin.Close()
	killGroup(p.cmd)
	<-p.done
	p.cmd = nil
}

// close ends the pipeline gracefully: end of input, then a bounded wait.
func (p *pipeline) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil {
		return
	}
	p.stdin.Close()
	select {
	case <-p.done:
		p.cmd = nil
	case <-time.After(2 * time.Second):
		p.stop()
	}
}

// marker is the superblank that opens chunk n; Apertium passes it through.
func marker(n uint64) string { return fmt.Sprintf("[<dglt %d>]", n) }

// run translates texts, one chunk each, and returns the raw stream output of
// each chunk with its marker removed. The pipeline is restarted on the next
// call if anything goes wrong.
func (p *pipeline) run(ctx context.Context, texts []string) ([]string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil {
		if err := p.start(); err != nil {
			return nil, err
		}
	}
	out, err := p.exchange(ctx, texts)
	if err != nil {
		p.stop()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if msg := strings.TrimSpace(p.stderr.String()); msg != "" {
			err = fmt.Errorf("%w (%s)", err, firstLine(msg))
		}
		return nil, fmt.Errorf("apertium: %s: %w", p.mode, err)
	}
	return out, nil
}

func (p *pipeline) exchange(ctx context.Context, texts []string) ([]string, error) {
	first := p.seq
	p.seq += uint64(len(texts))
	writeErr := make(chan error, 1)
	go func() {
		w := bufio.NewWriterSize(p.stdin, 64<<10)
		for i, t := range texts {
			w.WriteString(marker(first + uint64(i)))
			w.WriteString(deformat(t))
			w.WriteByte(0)
		}
		writeErr <- w.Flush()
	}()

	type chunk struct {
		s   string
		err error
	}
	r := p.stdout
	out := make([]string, len(texts))
	timer := time.NewTimer(p.timeout)
	defer timer.Stop()
	for i := range texts {
		got := make(chan chunk, 1)
		go func() {
			s, err := r.ReadString(0)
			got <- chunk{s, err}
		}()
		var c chunk
		select {
		case c = <-got:
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-timer.C:
			return nil, fmt.Errorf("%w: no reply within %v", translate.ErrUnavailable, p.timeout)
		case <-p.done:
			return nil, fmt.Errorf("%w: the pipeline exited", translate.ErrUnavailable)
		}
		if c.err != nil {
			return nil, fmt.Errorf("%w: reading reply: %v", translate.ErrUnavailable, c.err)
		}
		body := strings.TrimLeft(c.s, " \n")
		m := marker(first + uint64(i))
		if !strings.HasPrefix(body, m) {
			return nil, fmt.Errorf("%w: chunk %d came back out of step", translate.ErrBadReply, i+1)
		}
		out[i] = strings.TrimSuffix(body[len(m):], "\x00")
		timer.Reset(p.timeout)
	}
	if err := <-writeErr; err != nil {
		return nil, fmt.Errorf("%w: writing request: %v", translate.ErrUnavailable, err)
	}
	return out, nil
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
