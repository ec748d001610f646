package main

import (
	"encoding/json"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/diglot/diglot/translate/all"
)

// TestBackendsFitTheWidth checks that every line of diglot backends fits
// $COLUMNS, at the widths people use, with credentials set or not.
func TestBackendsFitTheWidth(t *testing.T) {
	for _, width := range []int{60, 80, 100} {
		for _, key := range []string{"", "sk-very-secret:fx"} {
			env := map[string]string{"COLUMNS": strconv.Itoa(width), "DEEPL_AUTH_KEY": key}
			code, stdout, stderr := runIn(t, t.TempDir(), env, "backends")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for i, line := range strings.Split(stdout, "\n") {
				if n := utf8.RuneCountInString(line); n > width {
					t.Errorf("width %d, line %d has %d columns: %q", width, i+1, n, line)
				}
			}
			if key != "" && strings.Contains(stdout, key) {
				t.Errorf("the listing shows the credential")
			}
			for _, want := range []string{"free (offline)", "20 EUR per million characters", "retries"} {
				if !strings.Contains(stdout, want) {
					t.Errorf("width %d: no %q in\n%s", width, want, stdout)
				}
			}
		}
	}
	// Without $COLUMNS, and not on a terminal: 80.
	_, stdout, _ := runIn(t, t.TempDir(), nil, "backends")
	for _, line := range strings.Split(stdout, "\n") {
		if utf8.RuneCountInString(line) > 80 {
			t.Errorf("default width: %q", line)
		}
	}
}

// TestBackendsJSON checks that --format json parses as the documented
// listing, says whether credentials are set, and holds Apertium's routes
// with the pairs written as the flags take them.
func TestBackendsJSON(t *testing.T) {
	code, stdout, stderr := runIn(t, t.TempDir(), map[string]string{"DEEPL_AUTH_KEY": "sk-x:fx"}, "backends", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var l all.Listing
	if err := json.Unmarshal([]byte(stdout), &l); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if l.Schema != all.Schema || strings.Contains(stdout, "sk-x") {
		t.Fatalf("schema %q, or the key shown", l.Schema)
	}
	byName := map[string]all.Description{}
	for _, d := range l.Backends {
		byName[d.Name] = d
	}
	ap, dl := byName["apertium"], byName["deepl"]
	if !ap.Offline || ap.Price.Text != "free (offline)" || dl.Price.Currency != "EUR" || dl.Retry.MaxAttempts != 6 {
		t.Errorf("apertium %+v, deepl %+v", ap.Price, dl)
	}
	for _, o := range dl.Options {
		if o.Sensitive && !o.Set {
			t.Errorf("deepl's key is set, the listing says not: %+v", o)
		}
	}
	if _, err := exec.LookPath("apertium"); err != nil {
		t.Skip("apertium is not installed (make test-deps)")
	}
	for _, r := range ap.Routes {
		if r.Pair == "fr-en" {
			if r.Default != "fr-es+spa-eng" || r.Routes[0] != r.Default {
				t.Errorf("fr-en routes %+v: want fr-es+spa-eng first, the default", r)
			}
			return
		}
	}
	t.Errorf("no fr-en among apertium's routes: %+v (%s)", ap.Routes, ap.RoutesError)
}
