package output

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The colour pairs the page draws text with, foreground then background.
// Every pair must reach WCAG 2 AA for normal text (4.5:1) in the light and
// the dark scheme.
var contrastPairs = [][2]string{
	{"--fg", "--bg"},
	{"--muted", "--bg"},
	{"--link", "--bg"},
	{"--ins-fg", "--ins-bg"},
	{"--del-fg", "--del-bg"},
	{"--term-fg", "--term-bg"},
	{"--tip-fg", "--tip-bg"},
	{"--error", "--bg"},
	{"--warning", "--bg"},
	{"--note", "--bg"},
	{"--fg", "--flag-bg"},
	{"--error", "--flag-bg"},
	{"--warning", "--flag-bg"},
	{"--muted", "--flag-bg"},
	{"--link", "--flag-bg"},
	{"--note", "--flag-bg"},
	{"--fg", "--chrome-bg"},
	{"--muted", "--chrome-bg"},
	{"--bg", "--fg"}, // a pressed button
}

func TestContrast(t *testing.T) {
	css := mustAsset("assets/page.css")
	light, dark := colourSchemes(t, css)
	for _, scheme := range []struct {
		name   string
		colour map[string]string
	}{{"light", light}, {"dark", dark}} {
		for _, p := range contrastPairs {
			t.Run(scheme.name+" "+p[0]+" on "+p[1], func(t *testing.T) {
				fg, bg := scheme.colour[p[0]], scheme.colour[p[1]]
				if fg == "" || bg == "" {
					t.Fatalf("%s or %s is not defined in the %s scheme", p[0], p[1], scheme.name)
				}
				ratio, err := contrastRatio(fg, bg)
				if err != nil {
					t.Fatal(err)
				}
				if ratio < 4.5 {
					t.Errorf("%s %s on %s %s: contrast %.2f:1, want at least 4.5:1", p[0], fg, p[1], bg, ratio)
				}
			})
		}
	}
}

// TestDiffColoursUsed checks that ins and del are drawn with the colours the
// contrast test checks, and are told apart by more than colour.
func TestDiffColoursUsed(t *testing.T) {
	css := mustAsset("assets/page.css")
	for _, want := range []string{
		`ins { color: var(--ins-fg); background: var(--ins-bg); text-decoration: underline;`,
		`del { color: var(--del-fg); background: var(--del-bg); text-decoration: line-through; }`,
	} {
		if !strings.Contains(css, want) {
			t.Errorf("page.css lacks the rule %q", want)
		}
	}
	// Every colour in the style sheet is one of the checked custom properties.
	if m := regexp.MustCompile(`:\s*(#[0-9a-fA-F]{3,8}|rgb|hsl)`).FindAllStringIndex(css, -1); len(m) != 0 {
		for _, loc := range m {
			line := css[strings.LastIndex(css[:loc[0]], "\n")+1 : loc[1]]
			if !strings.HasPrefix(strings.TrimSpace(line), "--") {
				t.Errorf("colour outside the custom properties: %q", strings.TrimSpace(line))
			}
		}
	}
}

// colourSchemes extracts the custom properties of the light :root block and
// of the :root block inside the prefers-color-scheme: dark media query. The
// dark scheme inherits what it does not redefine.
func colourSchemes(t *testing.T, css string) (light, dark map[string]string) {
	t.Helper()
	darkAt := strings.Index(css, "prefers-color-scheme: dark")
	if darkAt < 0 {
		t.Fatal("page.css has no prefers-color-scheme: dark block")
	}
	light = customProperties(t, css[:darkAt])
	dark = make(map[string]string, len(light))
	for k, v := range light {
		dark[k] = v
	}
	for k, v := range customProperties(t, css[darkAt:]) {
		dark[k] = v
	}
	return light, dark
}

var rootBlock = regexp.MustCompile(`(?s):root\s*\{(.*?)\}`)
var customProp = regexp.MustCompile(`(--[a-z-]+)\s*:\s*([^;]+);`)

// customProperties reads the declarations of the first :root block in css.
func customProperties(t *testing.T, css string) map[string]string {
	t.Helper()
	m := rootBlock.FindStringSubmatch(css)
	if m == nil {
		t.Fatal("no :root block")
	}
	props := make(map[string]string)
	for _, d := range customProp.FindAllStringSubmatch(m[1], -1) {
		props[d[1]] = strings.TrimSpace(d[2])
	}
	return props
}

// contrastRatio is the WCAG 2 contrast ratio of two sRGB hex colours.
func contrastRatio(a, b string) (float64, error) {
	la, err := luminance(a)
	if err != nil {
		return 0, err
	}
	lb, err := luminance(b)
	if err != nil {
		return 0, err
	}
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05), nil
}

// luminance is the WCAG relative luminance of a #rgb or #rrggbb colour.
func luminance(hex string) (float64, error) {
	h := strings.TrimPrefix(hex, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 || h == hex {
		return 0, fmt.Errorf("colour %q: want #rgb or #rrggbb", hex)
	}
	var lin [3]float64
	for i := range lin {
		v, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		if err != nil {
			return 0, fmt.Errorf("colour %q: %w", hex, err)
		}
		c := float64(v) / 255
		if c <= 0.04045 {
			lin[i] = c / 12.92
		} else {
			lin[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*lin[0] + 0.7152*lin[1] + 0.0722*lin[2], nil
}

func TestContrastRatio(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#fff", "#fff", 1},
		{"#767676", "#ffffff", 4.54}, // the classic lightest AA grey on white
	}
	for _, tt := range tests {
		t.Run(tt.a+" "+tt.b, func(t *testing.T) {
			got, err := contrastRatio(tt.a, tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tt.want) > 0.01 {
				t.Errorf("contrastRatio = %.3f, want %.2f", got, tt.want)
			}
		})
	}
	if _, err := contrastRatio("red", "#fff"); err == nil {
		t.Error("contrastRatio accepted a colour name")
	}
}
