package review

import (
	"context"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/diglot/diglot/bitext"
)

// shutdownGrace is how long saves in progress may take to finish once
// [Server.Serve] is asked to stop.
const shutdownGrace = 5 * time.Second

// Serve serves s on ln until ctx ends, then stops: saves in progress get
// a few seconds to finish, and a browser that keeps its connection open
// past that is cut off (stopping is what was asked). It returns nil when
// ctx ended it.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
	}
	return nil
}

// NamedGlossaries lists the glossary files the articles of out were
// translated with (their records name them), where they still are, each
// once, in the order found.
func NamedGlossaries(out string) []string {
	var paths []string
	filepath.WalkDir(out, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".previous.json") {
			return nil
		}
		f, err := bitext.Open(p, bitext.Options{})
		if err != nil {
			return nil
		}
		for _, g := range f.Document().Glossary {
			if _, err := os.Stat(g.Path); err == nil && !slices.Contains(paths, g.Path) {
				paths = append(paths, g.Path)
			}
		}
		return nil
	})
	return paths
}
