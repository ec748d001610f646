package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/diglot/diglot/tm/pgtest"
	"github.com/diglot/diglot/translate/apertium/apytest"
	"github.com/diglot/diglot/translate/deepl/deepltest"
	"github.com/diglot/diglot/translate/google/googletest"
	"github.com/diglot/diglot/translate/libre/libretest"
	"github.com/diglot/diglot/translate/openai/openaitest"
)

func TestMain(m *testing.M) {
	// Tests that need diglot as a separate process (to send it signals) run
	// the test binary itself with this variable set.
	if os.Getenv("DIGLOT_TEST_MAIN") == "1" {
		os.Exit(newApp(os.Stdin, os.Stdout, os.Stderr, os.Getenv).run(os.Args))
	}
	testscript.Main(stopPostgres{m}, map[string]func(){
		"diglot": func() { os.Exit(newApp(os.Stdin, os.Stdout, os.Stderr, os.Getenv).run(os.Args)) },
	})
}

// stopPostgres runs the tests, then stops the PostgreSQL server of the
// memory tests if one started (testscript.Main exits when they end).
type stopPostgres struct{ m *testing.M }

func (s stopPostgres) Run() int {
	code := s.m.Run()
	if err := pgtest.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = max(code, 1)
	}
	return code
}

// TestScript runs the command-line scripts in testdata/script. Scripts with
// [exec:apertium] use the real Apertium; $APY is the URL of a real
// apertium-apy server (empty where it is not installed); $REPO is the
// repository root, for its testdata; $GOOGLE_URL, $DEEPL_URL, $LIBRE_URL and
// $OPENAI_URL are test servers of those APIs.
func TestScript(t *testing.T) {
	apy := ""
	if _, err := exec.LookPath("apertium-apy"); err == nil {
		apy = apytest.Start(t)
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	// One test server per HTTP backend, speaking its API's wire format.
	google := googletest.NewTestServer(t, googletest.Options{Key: "gk-test-secret"})
	deepl := deepltest.NewTestServer(t, deepltest.Options{Key: "dk-test-secret:fx"})
	libre := libretest.NewTestServer(t, libretest.Options{Key: "lk-test-secret", CharLimit: 2000, BatchLimit: 10})
	openai := openaitest.NewTestServer(t, openaitest.Options{Key: "ok-test-secret"})
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("APY", apy)
			env.Setenv("REPO", repo)
			env.Setenv("GOOGLE_URL", google.URL)
			env.Setenv("DEEPL_URL", deepl.URL)
			env.Setenv("LIBRE_URL", libre.URL)
			env.Setenv("OPENAI_URL", openai.URL+"/v1")
			env.Setenv("LC_ALL", "C.UTF-8")
			return nil
		},
	})
}
