package review

import (
	"context"
	"fmt"
	"io"
	"net"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/tm"
)

// Options are the settings of [Run]: what `diglot review` is given.
type Options struct {
	// Listen is the HOST:PORT to listen on (port 0 picks a free one).
	Listen string
	// Out, Editor and Render are the [Config]'s.
	Out    string
	Editor string
	Render func(ctx context.Context, jsonPath string, d *bitext.Document) error
	// Memory is the translation memory's location; "" stores approved
	// translations in the files only.
	Memory string
	// Glossaries give the live checks their terms; none means the
	// glossaries the articles name, where they are ([NamedGlossaries]).
	Glossaries []string
	// Log receives the URL to open (it holds the access token) and the
	// warnings: stderr.
	Log io.Writer
	// Ready, when set, is called with that URL once the server listens.
	Ready func(url string)
}

// SetupError is a review that cannot start with what it was given: an
// address it cannot listen on (Listen set), a glossary, a memory or an
// output folder it cannot use.
type SetupError struct {
	Listen bool
	Err    error
}

func (e *SetupError) Error() string { return e.Err.Error() }
func (e *SetupError) Unwrap() error { return e.Err }

// Run serves the articles of o.Out on o.Listen until ctx ends: it loads
// the glossaries, opens the memory, says on o.Log where to open the review
// (and warns when other computers can reach it), and serves ([Server.Serve]).
func Run(ctx context.Context, o Options) error {
	host, _, err := net.SplitHostPort(o.Listen)
	if err != nil {
		return &SetupError{true, fmt.Errorf("--listen %q: %w", o.Listen, err)}
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(o.Log, "diglot: warning: listening on %s: other computers can reach the review (the token still guards it)\n", host)
	}
	var gl *glossary.Glossary
	paths := o.Glossaries
	if len(paths) == 0 {
		paths = NamedGlossaries(o.Out)
	}
	if len(paths) > 0 {
		if gl, err = glossary.Load(paths...); err != nil {
			return &SetupError{Err: err}
		}
	}
	var memory *tm.Memory
	if o.Memory != "" {
		if memory, err = tm.Open(o.Memory); err != nil {
			return &SetupError{Err: err}
		}
		defer memory.Close()
	}
	srv, err := New(Config{Out: o.Out, Memory: memory, Glossary: gl, Editor: o.Editor, Render: o.Render})
	if err != nil {
		return &SetupError{Err: err}
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", o.Listen)
	if err != nil {
		return &SetupError{true, fmt.Errorf("--listen: %w", err)}
	}
	url := fmt.Sprintf("http://%s/?token=%s", ln.Addr(), srv.Token())
	fmt.Fprintf(o.Log, "diglot: reviewing %s: open %s\n", o.Out, url)
	if memory == nil {
		fmt.Fprintln(o.Log, "diglot: no translation memory (--no-tm): approved translations go to the files only")
	}
	if o.Ready != nil {
		o.Ready(url)
	}
	return srv.Serve(ctx, ln)
}
