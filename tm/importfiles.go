package tm

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/diglot/diglot/internal/termsafe"
)

// ImportSummary says how [Memory.ImportFiles] went.
type ImportSummary struct {
	Failed  bool // some file was not imported (refused as a whole, or unreadable)
	Refused bool // some unit was refused
}

// ImportFiles imports files one by one, as `diglot tm import` does:
// each file's report goes to out ([ImportReport.WriteText]), and a file
// that cannot be imported gets one line on log while the others are
// imported. diglot's own JSON records are refused with the way to go: the
// memory holds what they record already, and only an editor's XLIFF or TMX
// brings something new. The error is ctx's or out's.
func (m *Memory) ImportFiles(ctx context.Context, files []string, opt ImportOptions, out, log io.Writer) (ImportSummary, error) {
	var s ImportSummary
	for _, f := range files {
		if strings.EqualFold(filepath.Ext(f), ".json") {
			fmt.Fprintf(log, "diglot: %s: tm import reads XLIFF (.xlf, .xliff) and TMX (.tmx), not JSON; import the .xlf edited in a CAT tool (diglot translate --format +xliff writes them)\n", f)
			s.Failed = true
			continue
		}
		rep, err := m.Import(ctx, f, opt)
		if err != nil {
			if ctx.Err() != nil {
				return s, err
			}
			fmt.Fprintf(log, "diglot: %s\n", termsafe.String(err.Error()))
			s.Failed = true
			continue
		}
		if err := rep.WriteText(out); err != nil {
			return s, err
		}
		s.Refused = s.Refused || len(rep.Refused) > 0
	}
	return s, nil
}
