package output

import "testing"

func TestParseMarkdownLayout(t *testing.T) {
	for _, s := range MarkdownLayouts {
		if l, err := ParseMarkdownLayout(s); err != nil || string(l) != s {
			t.Errorf("ParseMarkdownLayout(%q) = %q, %v", s, l, err)
		}
	}
	if _, err := ParseMarkdownLayout("Table"); err == nil || err.Error() != `"Table" is not interleaved or table` {
		t.Errorf("ParseMarkdownLayout(Table) = %v", err)
	}
}
