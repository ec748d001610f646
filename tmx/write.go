package tmx

import (
	"bufio"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/diglot/diglot/internal/xmlenc"
)

// Write writes d as TMX 1.4, valid against tmx14.dtd: a header naming diglot
// as the creation tool (plain text, paragraph segments, administrative
// language "en" unless d says otherwise, d's source language or "*all*"), then
// one <tu> per unit with its props (sorted by type), notes and variants.
// Variants are written as plain text, with their Markup as inline codes;
// codes read from a file are not recreated.
// Characters XML cannot hold become U+FFFD.
func Write(w io.Writer, d *Doc) error {
	bw := bufio.NewWriter(w)
	src, admin := d.SrcLang, d.AdminLang
	if src == "" {
		src = "*all*"
	}
	if admin == "" {
		admin = "en"
	}
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
 <header creationtool="diglot" creationtoolversion="%s" datatype="plaintext" segtype="paragraph" o-tmf="diglot" adminlang="%s" srclang="%s"/>
 <body>
`, escape(toolVersion(), true), escape(admin, true), escape(src, true))
	for _, tu := range d.Units {
		if len(tu.Variants) == 0 {
			return fmt.Errorf("tmx: write: unit %d (%q) has no variant", tu.Pos, tu.ID)
		}
		bw.WriteString("  <tu")
		for _, a := range [][2]string{{"tuid", tu.ID}, {"creationdate", date(tu.CreationDate)}, {"creationid", tu.CreationID},
			{"changedate", date(tu.ChangeDate)}, {"changeid", tu.ChangeID}} {
			if a[1] != "" {
				fmt.Fprintf(bw, " %s=\"%s\"", a[0], escape(a[1], true))
			}
		}
		bw.WriteString(">\n")
		keys := make([]string, 0, len(tu.Props))
		for k := range tu.Props {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintf(bw, "   <prop type=\"%s\">%s</prop>\n", escape(k, true), escape(tu.Props[k], false))
		}
		for _, n := range tu.Notes {
			fmt.Fprintf(bw, "   <note>%s</note>\n", escape(n, false))
		}
		for _, v := range tu.Variants {
			if v.Lang == "" {
				return fmt.Errorf("tmx: write: unit %d (%q) has a variant without language", tu.Pos, tu.ID)
			}
			fmt.Fprintf(bw, "   <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", escape(v.Lang, true), segContent(v))
		}
		bw.WriteString("  </tu>\n")
	}
	bw.WriteString(" </body>\n</tmx>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("tmx: write: %w", err)
	}
	return nil
}

// toolVersion is diglot's module version, "devel" in a development build.
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// escape escapes text for element content or, with attr, an attribute value.
func escape(s string, attr bool) string { return xmlenc.Escape(s, attr, nil) }

// Props diglot sets on the units it writes.
const (
	PropOrigin  = "x-diglot-origin"  // where the target came from: "mt", "tm", "approved"
	PropBackend = "x-diglot-backend" // the backend that translated it
)

// date formats t as TMX does, "" for the zero time.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(DateFormat)
}

// segContent is the escaped content of a variant's <seg>: its text, with
// its markup as <bpt>/<ept> and <ph> when the codes fit the text.
func segContent(v TUV) string {
	if len(v.Markup) == 0 || !fits(v.Text, v.Markup) {
		return escape(v.Text, false)
	}
	type event struct {
		at, to int
		tag    string
	}
	var evs []event
	for _, c := range v.Markup {
		typ := escape("x-md-"+c.Kind, true)
		if c.Close == "" {
			evs = append(evs, event{c.Start, c.End, fmt.Sprintf(`<ph x="%d" type="%s">%s</ph>`, c.ID, typ, escape(c.Open, false))})
			continue
		}
		evs = append(evs, event{c.Start, c.Start + len(c.Open), fmt.Sprintf(`<bpt i="%d" type="%s">%s</bpt>`, c.ID, typ, escape(c.Open, false))},
			event{c.End - len(c.Close), c.End, fmt.Sprintf(`<ept i="%d">%s</ept>`, c.ID, escape(c.Close, false))})
	}
	slices.SortStableFunc(evs, func(a, b event) int { return a.at - b.at })
	var b strings.Builder
	at := 0
	for _, e := range evs {
		b.WriteString(escape(v.Text[at:e.at], false))
		b.WriteString(e.tag)
		at = e.to
	}
	b.WriteString(escape(v.Text[at:], false))
	return b.String()
}

// fits reports whether codes describe text: their markup at their offsets,
// in order, not overlapping, with ids unique and positive (bpt/ept pair by i).
func fits(text string, codes []Code) bool {
	type span struct{ s, e int }
	var spans []span
	ids := map[int]bool{}
	for _, c := range codes {
		if c.ID <= 0 || ids[c.ID] || c.Open == "" || c.Start < 0 || c.End > len(text) ||
			c.Start+len(c.Open)+len(c.Close) > c.End || c.Close == "" && c.Start+len(c.Open) != c.End ||
			text[c.Start:c.Start+len(c.Open)] != c.Open || text[c.End-len(c.Close):c.End] != c.Close {
			return false
		}
		ids[c.ID] = true
		spans = append(spans, span{c.Start, c.Start + len(c.Open)})
		if c.Close != "" {
			spans = append(spans, span{c.End - len(c.Close), c.End})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.s - b.s })
	for i := 1; i < len(spans); i++ {
		if spans[i].s < spans[i-1].e {
			return false
		}
	}
	return true
}
