package output

import (
	"bytes"
	"strings"
	"testing"
)

func TestComparisonWriteDispatches(t *testing.T) {
	c, err := Compare(samplePrevious(t), sampleDoc(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range DiffFormats {
		var direct, via bytes.Buffer
		switch format {
		case "text":
			c.WriteText(&direct, true)
		case "html":
			c.WriteHTML(&direct, "gen")
		case "json":
			c.WriteJSON(&direct)
		}
		if err := c.Write(&via, format, DiffOptions{Color: true, Generator: "gen"}); err != nil {
			t.Fatal(err)
		}
		if via.String() != direct.String() {
			t.Errorf("%s: Write differs from the format's own writer", format)
		}
	}
	if err := c.Write(new(bytes.Buffer), "pdf", DiffOptions{}); err == nil || !strings.Contains(err.Error(), `unknown format "pdf"`) {
		t.Errorf("Write(pdf) = %v", err)
	}
}
