package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// An editor's round trip: translate, edit two targets in the XLIFF (as a CAT
// tool would), import, translate again. The two paragraphs come from memory
// with the editor's words and no backend call, and the page's post-edit view
// shows exactly those edits.
func TestXLIFFRoundTripReachesTheNextRun(t *testing.T) {
	for _, version := range []string{"1.2", "2.1"} {
		t.Run(version, func(t *testing.T) { testXLIFFRoundTrip(t, version) })
	}
}

func testXLIFFRoundTrip(t *testing.T, version string) {
	srv := newCountingServer(t, 0)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"in/a.txt": "Le président est arrivé à Erevan.\n" +
		"La guerre est finie. La paix est revenue.\n" +
		"Le Conseil européen a parlé.\n" +
		"Les soldats sont partis.\n"})
	args := []string{"translate", "--backend", "deepl", "--endpoint", srv.URL, "--format", "json,html,xliff", "--xliff-version", version, "--out", "out", "in"}
	if code, _, stderr := runIn(t, dir, deeplEnv, args...); code != 0 {
		t.Fatalf("translate: exit %d\n%s", code, stderr)
	}
	before, _ := srv.counts()
	first := readDoc(t, filepath.Join(dir, "out", "a.fr-en.json"))

	// The editor rewrites the target of p1, and the second sentence of p2.
	xlf := filepath.Join(dir, "out", "a.fr-en.xlf")
	data, err := os.ReadFile(xlf)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(unit, segment, text string) {
		t.Helper()
		re := regexp.MustCompile(`(?s)(<unit id="` + unit + `">.*?<segment id="` + segment + `"[^>]*>\s*<source>[^<]*</source>\s*<target>)[^<]*(</target>)`)
		if version == "1.2" {
			// A sentence is a <mrk mtype="seg"> of the target when the
			// paragraph has several, else the whole target.
			start := bytes.Index(data, []byte(`<trans-unit id="`+unit+`"`))
			end := start + bytes.Index(data[start:], []byte("</trans-unit>"))
			block := data[start:end]
			re = regexp.MustCompile(`(<target[^>]*>.*<mrk mtype="seg" mid="` + strings.TrimPrefix(segment, "s") + `">)[^<]*(</mrk>)`)
			if !re.Match(block) {
				re = regexp.MustCompile(`(<target[^>]*>)[^<]*(</target>)`)
			}
			if !re.Match(block) {
				t.Fatalf("no target for %s/%s in the XLIFF", unit, segment)
			}
			block = re.ReplaceAll(block, []byte("${1}"+text+"${2}"))
			data = append(append(append([]byte(nil), data[:start]...), block...), data[end:]...)
			return
		}
		data = re.ReplaceAll(data, []byte("${1}"+text+"${2}"))
	}
	edit("p1", "s1", "The president has arrived in Yerevan.")
	edit("p2", "s2", "Peace has returned.")
	os.WriteFile(xlf, data, 0o644)

	code, stdout, stderr := runIn(t, dir, nil, "tm", "import", xlf)
	if code != 0 {
		t.Fatalf("tm import: exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout+stderr, "taken 2") {
		t.Errorf("import report does not say it took 2:\n%s%s", stdout, stderr)
	}

	if code, _, stderr := runIn(t, dir, deeplEnv, args...); code != 0 {
		t.Fatalf("second translate: exit %d\n%s", code, stderr)
	}
	if after, _ := srv.counts(); after != before {
		t.Errorf("%d backend calls after the import, want none", after-before)
	}
	second := readDoc(t, filepath.Join(dir, "out", "a.fr-en.json"))
	// The first sentence of p2 keeps the machine translation the editor left.
	want := map[string]string{
		"p1": "The president has arrived in Yerevan.",
		"p2": strings.SplitAfter(first.Segments[1].Target, ". ")[0] + "Peace has returned.",
	}
	// p1 is approved; p2 is the memory's translation with the editor's
	// sentence in place of the machine's: only that sentence was approved.
	origin := map[string]string{"p1": "approved", "p2": "tm"}
	for i, s := range second.Segments {
		w, edited := want[s.ID]
		switch {
		case edited:
			if s.Target != w || s.Origin != origin[s.ID] || s.Machine != first.Segments[i].Target {
				t.Errorf("%s: target %q origin %q machine %q; want %q (%s) over %q", s.ID, s.Target, s.Origin, s.Machine, w, origin[s.ID], first.Segments[i].Target)
			}
		case s.Target != first.Segments[i].Target || s.Origin == "approved" || s.Machine != "":
			t.Errorf("%s changed: %q (%s)", s.ID, s.Target, s.Origin)
		}
	}

	// The page's post-edit view of p1 shows the editor's words as insertions
	// and the machine's as deletions; untouched rows say so.
	page, _ := os.ReadFile(filepath.Join(dir, "out", "a.fr-en.html"))
	for _, id := range []string{"p1", "p2"} {
		post := postEditView(t, page, id)
		if !strings.Contains(post, "<ins>") || !strings.Contains(post, "<del>") {
			t.Errorf("%s post-edit view has no ins/del: %s", id, post)
		}
	}
	if !strings.Contains(postEditView(t, page, "p1"), "<ins>Yerevan") && !strings.Contains(postEditView(t, page, "p1"), "Yerevan</ins>") {
		t.Errorf("p1 post-edit view does not show the edit: %s", postEditView(t, page, "p1"))
	}
	for _, id := range []string{"p3", "p4"} {
		if post := postEditView(t, page, id); strings.Contains(post, "<ins>") || strings.Contains(post, "<del>") {
			t.Errorf("%s was not edited but its post-edit view shows changes: %s", id, post)
		}
	}
}

// postEditView returns the HTML of a row's post-edit diff view.
func postEditView(t *testing.T, page []byte, id string) string {
	t.Helper()
	row := page[bytes.Index(page, []byte(`<tr id="`+id+`"`)):]
	row = row[:bytes.Index(row, []byte("</tr>"))]
	i := bytes.Index(row, []byte(`data-for="post"`))
	if i < 0 {
		t.Fatalf("row %s has no post-edit view", id)
	}
	view := row[i:]
	return string(view[:bytes.Index(view, []byte("</div>"))])
}
