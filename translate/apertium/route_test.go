package apertium

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/diglot/diglot/translate"
)

// modesDir builds a modes directory holding only the named installed modes,
// so that a test sees the same set on every machine; it skips when one is
// not installed here.
func modesDir(t *testing.T, modes ...string) string {
	t.Helper()
	needApertium(t)
	dir := t.TempDir()
	for _, m := range modes {
		data, err := os.ReadFile(filepath.Join(DefaultModesDir, m+".mode"))
		if err != nil {
			t.Skipf("Apertium mode %s is not installed", m)
		}
		if err := os.WriteFile(filepath.Join(dir, m+".mode"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func testSteps() []step {
	var steps []step
	for _, m := range []string{"eo-en", "fr-eo", "fr-es", "spa-eng", "fra-cat", "cat-eng", "es-fr"} {
		a, b, _ := strings.Cut(m, "-")
		steps = append(steps, step{Mode: m, From: lang3(a), To: lang3(b)})
	}
	slices.SortFunc(steps, func(a, b step) int { return strings.Compare(a.Mode, b.Mode) })
	return steps
}

func TestDefaultRouteIsTheDocumentedChainWhateverElseIsInstalled(t *testing.T) {
	if got := routeName(route(testSteps(), "fr", "en")); got != "fr-es+spa-eng" {
		t.Errorf("default fr→en route = %q, want fr-es+spa-eng", got)
	}
}

func TestRoutesBetweenListsEveryInstalledChain(t *testing.T) {
	got := routeNames(routesBetween(testSteps(), "fr", "en"))
	want := []string{"fr-eo+eo-en", "fr-es+spa-eng", "fra-cat+cat-eng"}
	if !slices.Equal(got, want) {
		t.Errorf("routes = %q, want %q", got, want)
	}
}

func TestNamedRoute(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"fr-eo+eo-en", "fr-eo+eo-en"},
		{" fr-es + spa-eng ", "fr-es+spa-eng"},
		{"fra-spa+spa-eng", "fr-es+spa-eng"}, // APY's names for the same modes
		{"fr-eo", ""},                        // does not reach English
		{"eo-en+fr-eo", ""},                  // out of order
		{"fr-de+deu-eng", ""},                // not installed
	} {
		if got := routeName(namedRoute(testSteps(), tc.name, "fr", "en")); got != tc.want {
			t.Errorf("namedRoute(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestRouteOptionPicksTheRouteAndNamesItInTheModel(t *testing.T) {
	dir := modesDir(t, "fr-es", "spa-eng", "fr-eo", "eo-en")
	reg := translate.NewRegistry(Info())
	for _, tc := range []struct{ route, model string }{
		{"", "fr-es+spa-eng"},
		{"fr-eo+eo-en", "fr-eo+eo-en"},
	} {
		b, err := reg.New("apertium", translate.Config{Options: map[string]string{"modes-dir": dir, "route": tc.route}})
		if err != nil {
			t.Fatal(err)
		}
		defer b.(*Backend).Close()
		res, err := b.Translate(context.Background(), &translate.Request{From: "fr", To: "en",
			Segments: []translate.Segment{{ID: "p1", Text: "Le chat dort."}}})
		if err != nil {
			t.Fatalf("route %q: %v", tc.route, err)
		}
		if !strings.Contains(strings.ToLower(res[0].Text), "cat") {
			t.Errorf("route %q: %q", tc.route, res[0].Text)
		}
		if got := b.(translate.Modeler).Model(); got != tc.model {
			t.Errorf("route %q: Model() = %q, want %q", tc.route, got, tc.model)
		}
	}
}

func TestRouteNotInstalledIsAnInputErrorListingTheRoutes(t *testing.T) {
	dir := modesDir(t, "fr-es", "spa-eng", "fr-eo", "eo-en")
	b, err := New(translate.Config{Options: map[string]string{"modes-dir": dir, "route": "fra-cat+cat-eng"}})
	if err != nil {
		t.Fatal(err)
	}
	err = b.(translate.Preparer).Prepare(context.Background(), "fr", "en")
	var re *RouteError
	if !errors.As(err, &re) || !errors.Is(err, translate.ErrUnsupportedPair) {
		t.Fatalf("err = %v, want a RouteError (an input error)", err)
	}
	want := `apertium: route "fra-cat+cat-eng" is not installed for fr-en (installed: fr-eo+eo-en, fr-es+spa-eng)`
	if err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
}
