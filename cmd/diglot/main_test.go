package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/diglot/diglot/translate/apertium/apytest"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"diglot": func() { os.Exit(newApp(os.Stdin, os.Stdout, os.Stderr, os.Getenv).run(os.Args)) },
	})
}

// TestScript runs the command-line scripts in testdata/script. Scripts with
// [exec:apertium] use the real Apertium; $APY is the URL of a real
// apertium-apy server (empty where it is not installed); $REPO is the
// repository root, for its testdata.
func TestScript(t *testing.T) {
	apy := ""
	if _, err := exec.LookPath("apertium-apy"); err == nil {
		apy = apytest.Start(t)
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("APY", apy)
			env.Setenv("REPO", repo)
			env.Setenv("LC_ALL", "C.UTF-8")
			return nil
		},
	})
}
