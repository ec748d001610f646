package check

import (
	"context"
	"runtime"
)

// loaded is an input read and checked segment by segment, or the error of
// reading it.
type loaded struct {
	doc    *document
	passes []*Pass
	err    error
}

// readAhead is how many inputs may be read and checked beyond the one the
// run is recording, per worker: enough to keep the workers busy while the
// run records a long document, few enough that memory stays that of a few
// documents whatever the number of inputs.
const readAhead = 2

// glossaryAhead is how many more inputs may be read while the glossary
// loads ([Options.LoadGlossary]): a large glossary's set-up takes as long
// as reading a few dozen articles, which the other CPUs do meanwhile.
const glossaryAhead = 32

// load reads the inputs and runs the per-segment rules on them with one
// worker per CPU, and calls fn with each result in input order, from the
// calling goroutine. At most readAhead inputs a worker are held beyond the
// one fn is given. It returns the context's error when it is cancelled.
func (c *checker) load(ctx context.Context, inputs []Input, fn func(i int, l loaded)) error {
	workers := min(runtime.GOMAXPROCS(0), max(len(inputs), 1))
	if workers == 1 {
		for i, in := range inputs {
			if err := ctx.Err(); err != nil {
				return err
			}
			fn(i, c.loadOne(in))
		}
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ahead := workers * readAhead
	if c.pending.loading() {
		ahead += glossaryAhead
	}
	queue := make(chan chan loaded, ahead) // results to come, in input order
	go func() {
		defer close(queue)
		busy := make(chan struct{}, workers)
		for _, in := range inputs {
			result := make(chan loaded, 1)
			select {
			case queue <- result:
			case <-ctx.Done():
				return
			}
			select {
			case busy <- struct{}{}:
			case <-ctx.Done():
				return
			}
			go func() {
				d, err := load(in, c.from, c.to)
				if err == nil && c.pending.loading() {
					// Let the next inputs be read while the glossary
					// loads: as many as the queue holds.
					<-busy
					err = c.pending.ready(c.segments)
					busy <- struct{}{}
				}
				l := c.check(d, err)
				<-busy
				result <- l
			}()
		}
	}()
	i := 0
	for result := range queue {
		select {
		case l := <-result:
			if err := ctx.Err(); err != nil {
				return err
			}
			fn(i, l)
			i++
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return ctx.Err()
}

// loadOne reads in and runs the per-segment rules on its units.
func (c *checker) loadOne(in Input) loaded {
	d, err := load(in, c.from, c.to)
	return c.check(d, err)
}

// check runs the per-segment rules on d, read with err, once the glossary
// is there.
func (c *checker) check(d *document, err error) loaded {
	if err == nil {
		err = c.pending.ready(c.segments)
	}
	if err != nil {
		return loaded{err: err}
	}
	return loaded{doc: d, passes: c.passes(d)}
}
