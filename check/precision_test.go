package check

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPrecision runs check over testdata/precision, a bilingual set written
// for this test: segments with a seeded fault of every rule (ids
// fault-RULE-N) and clean segments that look like faults (French number
// formats, inflected terms, terms in capitals, elided forms, quotes,
// segments that stay the same; ids clean-*), in bitext JSON, XLIFF 2.1 and
// 1.2, TMX and a source-only article (whose answers are in key.tsv). Every
// fault must be found, by its rule only, and nothing reported on a clean
// segment.
func TestPrecision(t *testing.T) {
	dir := filepath.Join("testdata", "precision")
	r, inputs := runDir(t, dir, "glossary.yaml", Options{})
	key := readKey(t, filepath.Join(dir, "key.tsv"))
	found := map[string][]string{} // file\tsegment -> rules found
	for _, f := range r.Findings {
		k := f.File[len(filepath.ToSlash(dir))+1:] + "\t" + f.Segment
		found[k] = append(found[k], f.Rule)
	}
	type tally struct{ tp, fn, fp int }
	byRule := map[string]*tally{}
	for _, id := range RuleIDs() {
		byRule[id] = &tally{}
	}
	var faults, cleans, tp, fn, fp, tn int
	for _, in := range inputs {
		d, err := load(in, "fr", "en")
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Base(in.Path)
		for _, u := range d.units {
			k := file + "\t" + u.id
			want, ok := expected(u.id, key[k])
			if !ok {
				t.Errorf("%s %s: no expected answer (id fault-RULE-N or clean-*, or a line in key.tsv)", file, u.id)
				continue
			}
			delete(key, k)
			got := found[k]
			if want == "clean" {
				cleans++
				if len(got) == 0 {
					tn++
					continue
				}
				fp++
				for _, rule := range got {
					byRule[rule].fp++
				}
				t.Errorf("%s %s: clean, but found %v", file, u.id, got)
				continue
			}
			faults++
			if slices.Contains(got, want) {
				tp++
				byRule[want].tp++
			} else {
				fn++
				byRule[want].fn++
				t.Errorf("%s %s: %s not found", file, u.id, want)
			}
			for _, rule := range got {
				if rule != want {
					fp++
					byRule[rule].fp++
					t.Errorf("%s %s: seeded %s, but also found %s", file, u.id, want, rule)
				}
			}
		}
	}
	for k := range key {
		t.Errorf("key.tsv: %s: no such segment", k)
	}
	for _, id := range RuleIDs() {
		c := byRule[id]
		if c.tp+c.fn == 0 {
			t.Errorf("%s: no seeded fault", id)
		}
		t.Logf("%-20s seeded %3d  found %3d  missed %d  false %d", id, c.tp+c.fn, c.tp, c.fn, c.fp)
	}
	t.Logf("%d segments: %d seeded faults, %d clean; TP %d FN %d FP %d TN %d; recall %.1f%%, precision %.1f%%",
		faults+cleans, faults, cleans, tp, fn, fp, tn, 100*ratio(tp, tp+fn), 100*ratio(tp, tp+fp))
	if faults+cleans < 200 || cleans < faults {
		t.Errorf("the set has %d faults and %d clean segments, want 200 or more with as many clean as faulty", faults, cleans)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// expected returns the rule expected on a segment, or "clean".
func expected(id, fromKey string) (string, bool) {
	if fromKey != "" {
		return fromKey, true
	}
	if strings.HasPrefix(id, "clean-") {
		return "clean", true
	}
	if rest, ok := strings.CutPrefix(id, "fault-"); ok {
		if i := strings.LastIndexByte(rest, '-'); i > 0 {
			if _, known := LookupRule(rest[:i]); known {
				return rest[:i], true
			}
		}
	}
	return "", false
}

// readKey reads key.tsv: file, segment, expected rule or "clean".
func readKey(t *testing.T, path string) map[string]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	key := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			t.Fatalf("%s:%d: %d fields, want 3", path, n, len(fields))
		}
		if _, known := LookupRule(fields[2]); !known && fields[2] != "clean" {
			t.Fatalf("%s:%d: unknown rule %q", path, n, fields[2])
		}
		key[fields[0]+"\t"+fields[1]] = fields[2]
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return key
}
