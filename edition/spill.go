package edition

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/tm"
)

// SpillDir is the folder under the output folder where translations that
// could not be stored in the memory wait for the next run.
const SpillDir = ".diglot-spill"

// ErrMemoryWrite is returned (wrapped, with the count and the folder) by a
// run whose translations could not all be stored in the memory: the outputs
// were written, and the translations wait in [SpillDir] for the next run,
// which stores them first. The paid work is never thrown away.
var ErrMemoryWrite = errors.New("the translation memory could not be written")

// putAttempts are the waits before each further try of a memory write that
// failed ("database is locked" behind a long writer, a full disk that frees).
var putAttempts = []time.Duration{250 * time.Millisecond, time.Second, 3 * time.Second}

// spilled is one line of a spill file: a batch the memory refused.
type spilled struct {
	Key     tm.Key     `json:"key"`
	Entries []tm.Entry `json:"entries"`
	Error   string     `json:"error"`
}

// spillMemory is the memory the pipeline writes to during a run: a write
// the memory refuses is tried again and, if it still fails, kept in a spill
// file, so that the article's outputs are written all the same.
type spillMemory struct {
	pipeline.Memory
	dir   string // OUT/.diglot-spill
	sleep func(context.Context, time.Duration) error

	mu     sync.Mutex
	file   *os.File
	count  int   // paragraphs spilled
	reason error // the first refusal
}

func newSpillMemory(m pipeline.Memory, out string) *spillMemory {
	return &spillMemory{Memory: m, dir: filepath.Join(out, SpillDir), sleep: sleepCtx}
}

// withCapabilities returns s as the pipeline should see it: with the
// wrapped memory's optional capabilities (claims across workers) kept, which
// the wrapper alone would hide from the pipeline's type assertions.
func (s *spillMemory) withCapabilities() pipeline.Memory {
	if c, ok := s.Memory.(pipeline.Claimer); ok {
		return struct {
			*spillMemory
			pipeline.Claimer
		}{s, c}
	}
	return s
}

// Put implements [pipeline.Memory].
func (s *spillMemory) Put(ctx context.Context, k tm.Key, entries []tm.Entry) error {
	err := s.Memory.Put(ctx, k, entries)
	for _, wait := range putAttempts {
		if err == nil || ctx.Err() != nil {
			break
		}
		if s.sleep(ctx, wait) != nil {
			break
		}
		err = s.Memory.Put(ctx, k, entries)
	}
	if err == nil {
		return nil
	}
	if serr := s.spill(k, entries, err); serr != nil {
		return fmt.Errorf("%w (and keeping it in %s failed too: %v)", err, s.dir, serr)
	}
	return nil
}

// spill appends a refused batch to this run's spill file, synced, so that a
// crash right after loses nothing.
func (s *spillMemory) spill(k tm.Key, entries []tm.Entry, reason error) error {
	line, err := json.Marshal(spilled{Key: k, Entries: entries, Error: reason.Error()})
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == nil {
		if err := os.MkdirAll(s.dir, 0o755); err != nil {
			return err
		}
		name := fmt.Sprintf("%s-%d.jsonl", time.Now().UTC().Format("20060102T150405Z"), os.Getpid())
		if s.file, err = os.OpenFile(filepath.Join(s.dir, name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
			return err
		}
	}
	if _, err := s.file.Write(append(line, '\n')); err != nil {
		return err
	}
	if err := s.file.Sync(); err != nil {
		return err
	}
	s.count += len(entries)
	if s.reason == nil {
		s.reason = reason
	}
	return nil
}

// close ends the spill file and says what was kept, as an error wrapping
// [ErrMemoryWrite], or nil when every write went through.
func (s *spillMemory) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == nil {
		return nil
	}
	path := s.file.Name()
	if err := s.file.Close(); err != nil {
		return fmt.Errorf("%w (%v), and closing %s failed: %v", ErrMemoryWrite, s.reason, path, err)
	}
	return fmt.Errorf("%w (%v): %d %s kept in %s, the outputs are written; the next run stores them first",
		ErrMemoryWrite, s.reason, s.count, plural(s.count, "paragraph", "paragraphs"), path)
}

// Unspill stores in m the translations earlier runs kept in out's spill
// folder, removing each file once all of it is stored, and returns how many
// paragraphs it stored. A file the memory still refuses stays for the next
// run, and the error says so.
func Unspill(ctx context.Context, m pipeline.Memory, out string) (int, error) {
	dir := filepath.Join(out, SpillDir)
	names, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil || len(names) == 0 {
		return 0, err
	}
	sort.Strings(names)
	stored := 0
	for _, name := range names {
		n, err := unspillFile(ctx, m, name)
		stored += n
		if err != nil {
			return stored, fmt.Errorf("%s: %w", name, err)
		}
		if err := os.Remove(name); err != nil {
			return stored, err
		}
	}
	os.Remove(dir) // only when empty
	return stored, nil
}

func unspillFile(ctx context.Context, m pipeline.Memory, name string) (int, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return 0, err
	}
	stored := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 64<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var s spilled
		if err := json.Unmarshal([]byte(text), &s); err != nil {
			// A line cut short by a crash mid-write holds nothing whole.
			if line == countLines(data) {
				break
			}
			return stored, fmt.Errorf("line %d: not a spilled batch", line)
		}
		if err := m.Put(ctx, s.Key, s.Entries); err != nil {
			return stored, err
		}
		stored += len(s.Entries)
	}
	return stored, sc.Err()
}

func countLines(data []byte) int {
	return len(bytes.Split(bytes.TrimRight(data, "\n"), []byte("\n")))
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
