package edition_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diglot/diglot/edition"
	"github.com/diglot/diglot/translate/fake"
)

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want edition.Shard
		err  string
	}{
		{in: "0/1", want: edition.Shard{I: 0, N: 1}},
		{in: "3/4", want: edition.Shard{I: 3, N: 4}},
		{in: " 2/10 ", want: edition.Shard{I: 2, N: 10}},
		{in: "4/4", err: "between 0 and N-1 (3)"},
		{in: "-1/4", err: "between 0 and N-1"},
		{in: "0/0", err: "N must be 1 or more"},
		{in: "1", err: "want I/N"},
		{in: "a/4", err: "two whole numbers"},
		{in: "1/4/5", err: "two whole numbers"},
		{in: "", err: "want I/N"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := edition.ParseShard(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ParseShard(%q) = %v, %v; want an error with %q", tc.in, got, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseShard(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

// The shards of one N partition the inputs, whatever N, and the partition
// depends only on the relative paths: not on the inputs' order or root.
func TestShardsPartition(t *testing.T) {
	var inputs []edition.Input
	for i := range 1000 {
		rel := fmt.Sprintf("d%d/a%04d.txt", i%7, i)
		inputs = append(inputs, edition.Input{Path: "/root/" + rel, Rel: rel})
	}
	for _, n := range []int{1, 2, 3, 4, 16} {
		seen := map[string]int{}
		for i := range n {
			part := edition.Shard{I: i, N: n}.Select(inputs)
			if n > 1 && (len(part) < len(inputs)/n/2 || len(part) > 2*len(inputs)/n) {
				t.Errorf("shard %d/%d has %d of %d inputs: not spread", i, n, len(part), len(inputs))
			}
			for _, in := range part {
				seen[in.Rel]++
			}
		}
		for _, in := range inputs {
			if seen[in.Rel] != 1 {
				t.Fatalf("N=%d: %s in %d shards", n, in.Rel, seen[in.Rel])
			}
		}
	}
	// The hash is fixed (FNV-1a of the relative path), so that workers
	// built from different versions of diglot agree: pinned here.
	var got []int
	for _, rel := range []string{"a.txt", "2026/03/lyon.md", "d0/a0000.txt"} {
		for i := range 4 {
			if (edition.Shard{I: i, N: 4}).Has(rel) {
				got = append(got, i)
			}
		}
	}
	if fmt.Sprint(got) != "[2 3 3]" {
		t.Errorf("shards of 4 of the pinned paths: %v, want [2 3 3]", got)
	}
}

func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"0/4", "0/9999999999999999999999", "1/+2", "٣/4", "0/ 1", "-0/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sh, err := edition.ParseShard(s)
		if err != nil {
			return
		}
		// Whatever it accepts is a shard, and reads back as itself.
		if sh.N < 1 || sh.I < 0 || sh.I >= sh.N {
			t.Fatalf("ParseShard(%q) = %+v", s, sh)
		}
		if again, err := edition.ParseShard(sh.String()); err != nil || again != sh {
			t.Fatalf("ParseShard(%q) = %+v, whose String %q reads as %+v, %v", s, sh, sh.String(), again, err)
		}
	})
}

// Shards of a batch write their own reports and no index; Index then lists
// every article, and merges the reports of the latest set.
func TestShardRunsAndIndex(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 12 {
		files[fmt.Sprintf("in/s%d/a%02d.txt", i%3, i)] = fmt.Sprintf("Article %d.\n\nLa guerre est finie.\n", i)
	}
	writeFiles(t, dir, files)
	b := &fake.Backend{}
	mem := openMemory(t, dir)
	total := 0
	for i := range 3 {
		cfg := config(t, dir, b, mem)
		cfg.Shard = edition.Shard{I: i, N: 3}
		r := run(t, cfg)
		if r.Shard != fmt.Sprintf("%d/3", i) || r.Articles.Skipped != 0 {
			t.Errorf("shard %d: report %+v", i, r)
		}
		total += r.Articles.Done
		if _, err := os.Stat(filepath.Join(dir, "out", fmt.Sprintf("run.%d-of-3.json", i))); err != nil {
			t.Errorf("shard %d wrote no report of its own: %v", i, err)
		}
	}
	if total != 12 {
		t.Errorf("the shards translated %d articles, want 12", total)
	}
	for _, name := range []string{"index.html", "run.json"} {
		if _, err := os.Stat(filepath.Join(dir, "out", name)); err == nil {
			t.Errorf("a shard wrote %s", name)
		}
	}
	r, err := edition.Index(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Indexed != 12 || r.Articles.Done != 12 || len(r.Shards) != 3 || len(r.Missing) != 0 || r.From != "fr" {
		t.Errorf("merged report %+v", r)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "out", "index.html"))
	for name := range files {
		rel := strings.TrimPrefix(name, "in/")
		if !strings.Contains(string(page), strings.TrimSuffix(rel, ".txt")+".fr-en.html") {
			t.Errorf("index.html does not link %s", rel)
		}
	}
	var onDisk edition.Report
	data, _ := os.ReadFile(filepath.Join(dir, "out", "run.json"))
	if err := json.Unmarshal(data, &onDisk); err != nil || onDisk.Articles != r.Articles || len(onDisk.Shards) != 3 {
		t.Errorf("run.json %s (%v)", data, err)
	}

	// Another N skips what is up to date; its single report is the latest
	// set, and the three others are superseded. Index again, and again: the
	// merged run.json is not read as a run.
	cfg := config(t, dir, b, mem)
	cfg.Shard = edition.Shard{I: 0, N: 1}
	if r := run(t, cfg); r.Articles.Skipped != 12 || r.Chars != 0 {
		t.Errorf("0/1 after 3 shards: %+v", r)
	}
	for range 2 {
		r, err = edition.Index(filepath.Join(dir, "out"))
		if err != nil {
			t.Fatal(err)
		}
		if r.Indexed != 12 || r.Articles.Skipped != 12 || r.Articles.Total != 12 || len(r.Superseded) != 3 {
			t.Errorf("merged after 0/1: %+v", r)
		}
	}
}

func TestIndexMissingShardAndFailures(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"in/a.txt": "La guerre est finie.\n", "in/b.txt": "\x00\x01\x02 binary\n", "in/c.txt": "Le président.\n"})
	mem := openMemory(t, dir)
	cfg := config(t, dir, &fake.Backend{}, mem)
	cfg.Shard = edition.Shard{I: 0, N: 2}
	r0 := run(t, cfg)
	cfg.Shard = edition.Shard{I: 1, N: 2}
	r1 := run(t, cfg)
	if r0.Articles.Failed+r1.Articles.Failed != 1 {
		t.Fatalf("b.txt did not fail once: %+v %+v", r0, r1)
	}
	// Only shard 0's report is left.
	os.Remove(filepath.Join(dir, "out", "run.1-of-2.json"))
	r, err := edition.Index(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Missing) != 1 || r.Missing[0] != 1 || len(r.Shards) != 1 {
		t.Errorf("missing %v, shards %+v", r.Missing, r.Shards)
	}
	if r.Indexed != 2 {
		t.Errorf("indexed %d articles, want a and c", r.Indexed)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "out", "index.html"))
	if r0.Articles.Failed == 1 && !strings.Contains(string(page), "b.txt") {
		t.Errorf("index.html does not list the failed b.txt:\n%s", page)
	}
}

func TestIndexErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"empty/notes.txt": "x", "bad/run.0-of-2.json": "{", "file.txt": "x"})
	for _, tc := range []struct{ path, want string }{
		{filepath.Join(dir, "nowhere"), "nowhere: no such file or directory"},
		{filepath.Join(dir, "file.txt"), "file.txt: not a folder"},
		{filepath.Join(dir, "empty"), "no diglot outputs"},
		{filepath.Join(dir, "bad"), "run.0-of-2.json: not a diglot run report"},
	} {
		_, err := edition.Index(tc.path)
		var ie *edition.InputError
		if err == nil || !strings.Contains(err.Error(), tc.want) || !asInputError(err, &ie) {
			t.Errorf("Index(%s) = %v, want an input error with %q", tc.path, err, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "bad", "index.html")); err == nil {
		t.Error("a failed Index wrote index.html")
	}
}

func asInputError(err error, ie **edition.InputError) bool {
	e, ok := err.(*edition.InputError)
	*ie = e
	return ok
}
