package tmx

import (
	"bufio"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"time"

	"github.com/diglot/diglot/internal/xmlenc"
)

// Write writes d as TMX 1.4, valid against tmx14.dtd: a header naming diglot
// as the creation tool (plain text, paragraph segments, administrative
// language "en" unless d says otherwise, d's source language or "*all*"), then
// one <tu> per unit with its props (sorted by type), notes and variants.
// Variants are written as plain text; their codes are not recreated.
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
			fmt.Fprintf(bw, "   <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", escape(v.Lang, true), escape(v.Text, false))
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
