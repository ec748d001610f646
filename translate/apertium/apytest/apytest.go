// Package apytest starts a real Apertium APY server (the apertium-apy
// program) on a free loopback port, for tests of the apertium backend and of
// the command line against it.
package apytest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// PairsDir is where Debian installs Apertium's pairs; APY serves every mode in it.
const PairsDir = "/usr/share/apertium"

// Start runs apertium-apy for the duration of the test and returns its base
// URL. It skips the test, saying why, when apertium-apy is not installed.
func Start(t testing.TB) string {
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
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-p", fmt.Sprint(port), "-j", "1", PairsDir)
	cmd.Dir = t.TempDir() // APY may write its databases beside it
	logPath := filepath.Join(cmd.Dir, "apy.log")
	log, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start apertium-apy: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
		log.Close()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url + "/listPairs")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return url
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	out, _ := os.ReadFile(logPath)
	t.Fatalf("apertium-apy did not answer on %s within 30s; its log:\n%s", url, out)
	return ""
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
