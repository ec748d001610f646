// Package apytest starts a real Apertium APY server (the apertium-apy
// program) on a free loopback port, for tests of the apertium backend and of
// the command line against it.
package apytest

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// PairsDir is where Debian installs Apertium's pairs; APY serves every mode in it.
const PairsDir = "/usr/share/apertium"

// Server is a running apertium-apy that a test may kill and start again on
// the same port.
type Server struct {
	URL string

	t    testing.TB
	bin  string
	port int
	dir  string
	mu   sync.Mutex
	cmd  *exec.Cmd
}

// Start runs apertium-apy for the duration of the test and returns its base
// URL. It skips the test, saying why, when apertium-apy is not installed.
func Start(t testing.TB) string {
	t.Helper()
	return StartServer(t).URL
}

// StartServer is [Start] returning the server, for tests that stop it.
func StartServer(t testing.TB) *Server {
	t.Helper()
	bin, err := exec.LookPath("apertium-apy")
	if err != nil {
		t.Skip("apertium-apy is not installed (make test-deps installs it)")
	}
	if _, err := os.Stat(filepath.Join(PairsDir, "modes")); err != nil {
		t.Skipf("no Apertium pairs in %s", PairsDir)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), t: t, bin: bin, port: port, dir: t.TempDir()}
	t.Cleanup(s.Kill)
	s.run()
	if err := s.Wait(30 * time.Second); err != nil {
		out, _ := os.ReadFile(filepath.Join(s.dir, "apy.log"))
		t.Fatalf("%v; its log:\n%s", err, out)
	}
	return s
}

// run starts the process without waiting for it to answer.
func (s *Server) run() {
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd := exec.Command(s.bin, "-p", fmt.Sprint(s.port), "-j", "1", PairsDir)
	cmd.Dir = s.dir // APY may write its databases beside it
	log, err := os.OpenFile(filepath.Join(s.dir, "apy.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		s.t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("start apertium-apy: %v", err)
	}
	go func() { cmd.Wait(); log.Close() }()
	s.cmd = cmd
}

// Wait waits until the server answers /listPairs.
func (s *Server) Wait(d time.Duration) error {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.URL + "/listPairs")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("apertium-apy did not answer on %s within %v", s.URL, d)
}

// Kill stops the server at once (SIGKILL), as a crash would.
func (s *Server) Kill() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Kill()
	for i := 0; i < 100; i++ { // until the port is free
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", s.port), 50*time.Millisecond); err == nil {
			c.Close()
			time.Sleep(20 * time.Millisecond)
			continue
		}
		break
	}
	s.cmd = nil
}

// Restart starts the server again on the same port, without waiting for it.
func (s *Server) Restart() { s.run() }

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
