package edition

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/diglot/diglot/glossary"
	"github.com/diglot/diglot/internal/progress"
	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate"
)

// Job is a whole translate command: the batch, and what to set up for it.
// [Translate] fills Config.Pipeline, Config.Inputs, Config.NewMemory and
// Config.Progress from the rest.
type Job struct {
	Config
	// Registry, Backend, Endpoint, Options and Getenv make the backend
	// ([Backend]).
	Registry *translate.Registry
	Backend  string
	Endpoint string
	Options  map[string]string
	Getenv   func(string) string
	From, To string
	// Glossaries are loaded in order, later ones winning.
	Glossaries []string
	// Terms names the glossary strategy ([pipeline.ParseStrategy]); "" is
	// the backend's default.
	Terms                    string
	InFlight, CharsPerMinute int
	// Memory is where the translation memory is ([OpenMemory]); "" is none.
	Memory string
	// Log receives the progress display and the notes of the set-up
	// (glossary conflicts, a new memory, unless Quiet): stderr.
	Log      io.Writer
	Quiet    bool
	Display  progress.Mode
	Terminal bool // Log is a terminal
}

// Translate sets the job up, inputs first (a bad one is refused before
// anything is opened or written), then the glossary, the backend and the
// memory, and runs the batch. The set-up ends at the first interrupt of in
// (then nothing is written); the batch runs until ctx ends. It returns the
// report and [Run]'s error, or the set-up's.
func Translate(ctx context.Context, in *Interrupt, job Job) (*Report, error) {
	setup, endSetup := in.Setup(ctx)
	defer endSetup()
	cfg := job.Config
	cfg.Stop, cfg.Interrupt = in.Stop(), in
	var err error
	if cfg.Inputs, err = Inputs(cfg.Paths, cfg.Out, cfg.Read); err != nil {
		return nil, err
	}
	var gl *glossary.Glossary
	if len(job.Glossaries) > 0 {
		if gl, err = glossary.Load(job.Glossaries...); err != nil {
			return nil, err
		}
		for _, c := range gl.Conflicts {
			fmt.Fprintf(job.Log, "diglot: glossary conflict: %s\n", c)
		}
	}
	backend, err := Backend(setup, job.Registry, job.Backend,
		translate.Config{Endpoint: job.Endpoint, Options: job.Options, Getenv: job.Getenv}, job.From, job.To, cfg.DryRun)
	if err != nil {
		return nil, in.BeforeRun(err)
	}
	if c, ok := backend.(io.Closer); ok {
		defer c.Close()
	}
	info, _ := job.Registry.Lookup(job.Backend)
	terms := pipeline.DefaultStrategy(info)
	if job.Terms != "" {
		if terms, err = pipeline.ParseStrategy(job.Terms); err != nil {
			return nil, &SetupError{err}
		}
	}
	settings := Settings(job.Options, job.Endpoint)
	if ts := terms.Setting(); ts != "" {
		settings = strings.TrimPrefix(settings+";"+ts, ";")
	}
	cfg.Pipeline = pipeline.Config{Backend: backend, BackendName: job.Backend, Settings: settings, Terms: terms,
		From: job.From, To: job.To, Glossary: gl, InFlight: job.InFlight, CharsPerMinute: job.CharsPerMinute}
	memory, fresh, err := OpenMemory(job.Memory, cfg.DryRun)
	if err != nil {
		return nil, err
	}
	if memory != nil {
		defer memory.Close()
		cfg.Pipeline.Memory = memory // a nil *tm.Memory would be a non-nil Memory
	}
	if cfg.NewMemory = fresh; fresh && !job.Quiet {
		// A memory in the working directory is a surprise when the
		// command runs from elsewhere (cron): say so where it happens.
		where := job.Memory
		if abs, err := filepath.Abs(where); err == nil {
			where = abs
		}
		fmt.Fprintf(job.Log, "diglot: new translation memory %s (--tm FILE or $DIGLOT_TM for another)\n", where)
	}
	if cfg.Progress, err = progress.New(job.Log, job.Display, job.Terminal, nil); err != nil {
		return nil, err
	}
	defer cfg.Progress.Close()
	in.SetDisplay(cfg.Progress)
	if in.Stopped() {
		return nil, in.BeforeRun(nil)
	}
	return Run(ctx, cfg)
}
