package atomicfile

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The child process of TestKilledWhileWriting is this test binary run with
// these variables set.
const (
	crashDirEnv   = "DIGLOT_ATOMICFILE_CRASH_DIR"
	crashFromEnv  = "DIGLOT_ATOMICFILE_CRASH_FROM"
	crashWriters  = 4 // goroutines of the child, each writing its own article
	crashFiles    = 5 // files in one article's set
	crashMaxBytes = 1_500_000
)

// TestCrashChild is the child: it cleans the folder, then writes set after
// set of every article, and says on stdout which set of which article it
// has committed, until it is killed.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("run by TestKilledWhileWriting")
	}
	removed, err := Clean(dir)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	say := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(os.Stdout, format+"\n", args...)
	}
	say("cleaned %d", len(removed))
	from, _ := strconv.Atoi(os.Getenv(crashFromEnv))
	if from < 0 {
		return // clean only
	}
	var wg sync.WaitGroup
	for g := range crashWriters {
		wg.Go(func() {
			for k := from; ; k++ {
				var s Set
				for i := range crashFiles {
					if err := s.Add(crashPath(dir, g, i), func(w io.Writer) error { return writeCrashFile(w, g, k, i) }); err != nil {
						t.Error(err)
						return
					}
				}
				if err := s.Commit(); err != nil {
					t.Error(err)
					return
				}
				say("committed %d %d", g, k)
			}
		})
	}
	wg.Wait()
}

func crashPath(dir string, g, i int) string {
	return filepath.Join(dir, fmt.Sprintf("d%d", g%2), fmt.Sprintf("article-%d.f%d", g, i))
}

// writeCrashFile writes set k of file i of article g: a header with the
// length and SHA-256 of a body of random size (now and then more than Add
// compares in memory), then the body, in small writes.
func writeCrashFile(w io.Writer, g, k, i int) error {
	rng := rand.New(rand.NewPCG(uint64(g*1_000_003+i), uint64(k)))
	n := rng.IntN(40_000)
	if rng.IntN(10) == 0 {
		n = rng.IntN(crashMaxBytes)
	}
	body := make([]byte, n)
	for j := range body {
		body[j] = byte('a' + rng.IntN(26))
	}
	sum := sha256.Sum256(body)
	if _, err := fmt.Fprintf(w, "crash %d %d %d %d %s\n", g, k, i, n, hex.EncodeToString(sum[:])); err != nil {
		return err
	}
	for len(body) > 0 {
		c := min(len(body), 4096)
		if _, err := w.Write(body[:c]); err != nil {
			return err
		}
		body = body[c:]
	}
	return nil
}

// readCrashFile checks a file written by writeCrashFile and returns its set.
func readCrashFile(path string, g, i int) (k int, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	header, body, ok := bytes.Cut(data, []byte("\n"))
	if !ok {
		return 0, fmt.Errorf("%d bytes without a header", len(data))
	}
	var hg, hi, n int
	var sum string
	if _, err := fmt.Sscanf(string(header), "crash %d %d %d %d %s", &hg, &k, &hi, &n, &sum); err != nil {
		return 0, fmt.Errorf("header %q: %v", header, err)
	}
	got := sha256.Sum256(body)
	if hg != g || hi != i || n != len(body) || hex.EncodeToString(got[:]) != sum {
		return 0, fmt.Errorf("header %q over a body of %d bytes: partial or mixed", header, len(body))
	}
	return k, nil
}

// TestKilledWhileWriting kills a child process with SIGKILL at random
// points while four goroutines write sets of five files, again and again,
// and checks after every kill that each file is whole (the old or the new
// content, never partial or empty), that no committed set is lost, and
// that the temporary files a killed child leaves are the next one's to
// remove.
func TestKilledWhileWriting(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := t.TempDir()
	committed := map[int]int{} // article → last set reported committed
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	leftovers := 0
	const kills = 8
	for round := range kills {
		from := (round + 1) * 1_000_000
		out := runCrashChild(t, dir, from, func(cmd *exec.Cmd, lines <-chan string) {
			// Kill after a random number of commits, and a random
			// delay, so that the kill falls anywhere in a set.
			target := 1 + rng.IntN(12)
			n := 0
			for line := range lines {
				if strings.HasPrefix(line, "committed ") {
					recordCommit(t, committed, line)
					if n++; n == target {
						time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
						cmd.Process.Kill()
					}
				}
			}
		})
		if out.exitedNormally {
			t.Fatalf("round %d: the child was not killed:\n%s", round, out.stderr)
		}
		leftovers += checkCrashFolder(t, dir, committed, round)
	}
	// One last child that only cleans.
	out := runCrashChild(t, dir, -1, func(_ *exec.Cmd, lines <-chan string) {
		for range lines {
		}
	})
	if !out.exitedNormally {
		t.Fatalf("the cleaning child failed:\n%s", out.stderr)
	}
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(path, ".tmp") {
			t.Errorf("temporary file left after Clean: %s", path)
		}
		return nil
	})
	t.Logf("%d kills, %d temporary files left by them and cleaned, sets committed: %v", kills, leftovers, committed)
}

type childResult struct {
	exitedNormally bool
	stderr         string
}

// runCrashChild runs the child on dir from set from, handing its stdout
// lines to watch until it exits.
func runCrashChild(t *testing.T, dir string, from int, watch func(*exec.Cmd, <-chan string)) childResult {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir, crashFromEnv+"="+strconv.Itoa(from))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	watch(cmd, lines)
	err = cmd.Wait()
	return childResult{exitedNormally: err == nil, stderr: stderr.String()}
}

func recordCommit(t *testing.T, committed map[int]int, line string) {
	t.Helper()
	var g, k int
	if _, err := fmt.Sscanf(line, "committed %d %d", &g, &k); err != nil {
		t.Fatalf("child said %q", line)
	}
	committed[g] = max(committed[g], k)
}

// checkCrashFolder checks dir after a kill, and returns how many temporary
// files the child left.
func checkCrashFolder(t *testing.T, dir string, committed map[int]int, round int) int {
	t.Helper()
	for g := range crashWriters {
		last, ok := committed[g]
		for i := range crashFiles {
			p := crashPath(dir, g, i)
			k, err := readCrashFile(p, g, i)
			switch {
			case os.IsNotExist(err) && !ok:
				// Never committed: the file may not exist yet.
			case err != nil:
				t.Errorf("round %d: %s: %v", round, p, err)
			case ok && k < last:
				t.Errorf("round %d: %s holds set %d, but set %d was committed", round, p, k, last)
			}
		}
	}
	temps := 0
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		if _, _, ok := tempOwner(filepath.Base(path)); ok {
			temps++
		} else if strings.HasSuffix(path, ".tmp") {
			t.Errorf("round %d: a temporary file Clean does not recognise: %s", round, path)
		}
		return nil
	})
	return temps
}
