package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/diglot/diglot/bitext"
	"github.com/diglot/diglot/tm"
)

// Claimer is an optional capability of a [Memory] shared by several
// workers (shards on other machines, the articles of one run): a short
// claim on the sources a worker is about to send, so that a paragraph met
// by two workers at the same time (a wire story repeated across articles)
// is paid for once. mine[i] is true when the caller holds sources[i]; the
// others are being translated by another worker. release lets go of the
// caller's claims. A claim is kept alive for as long as its worker lives
// (renewed) and lapses within lease when it dies. *tm.Memory implements
// it.
type Claimer interface {
	Claim(ctx context.Context, k tm.Key, sources []string, lease time.Duration) (mine []bool, release func(), err error)
}

var _ Claimer = (*tm.Memory)(nil)

// DefaultClaimWait is how long a worker waits at most for a paragraph
// another live worker claimed before it sends the paragraph itself, when
// [Config.ClaimWait] is 0. It is long: the other worker is most likely
// held up by the backend's quota, which sending the paragraph again would
// only make worse. A worker that dies is noticed sooner, when its claims
// lapse (ClaimLease).
const DefaultClaimWait = 5 * time.Minute

// ClaimLease is how long the claims of a worker that stopped renewing them
// (it crashed, or lost the memory) outlive it.
const ClaimLease = 30 * time.Second

// Polling for a claimed paragraph starts at claimPoll and doubles up to
// claimPollMax.
const (
	claimPoll    = 20 * time.Millisecond
	claimPollMax = 200 * time.Millisecond
)

func (p *Pipeline) claimWait() time.Duration {
	if p.ClaimWait > 0 {
		return p.ClaimWait
	}
	return DefaultClaimWait
}

// claim returns, of the paragraphs the memory lacks, those this worker
// must send, holding a claim on each, and a function that releases the
// claims (once their translations are stored). The paragraphs another
// worker claimed are waited for, the memory looked up again and again, up
// to [Config.ClaimWait]: those whose translation arrives are finished from
// the memory; a claim that lapses (its worker died) or is released without
// a translation (its worker failed) is taken over; what is still missing
// at the bound is sent by this worker too. Without a Claimer, or in a dry run, work is returned
// as it is.
func (p *Pipeline) claim(ctx context.Context, doc *bitext.Document, work []*pending, st *Stats) ([]*pending, func(), error) {
	c, ok := p.Memory.(Claimer)
	if !ok || p.DryRun || len(work) == 0 {
		return work, func() {}, nil
	}
	var releases []func()
	release := func() {
		for _, r := range releases {
			r()
		}
	}
	fail := func(err error) ([]*pending, func(), error) {
		release()
		return nil, nil, err
	}
	deadline := time.Now().Add(p.claimWait())
	poll := claimPoll
	var send []*pending
	waiting := work
	for round := 0; len(waiting) > 0; round++ {
		sources := make([]string, len(waiting))
		for i, w := range waiting {
			sources[i] = doc.Segments[w.index].Source
		}
		mine, rel, err := c.Claim(ctx, p.claimKey(), sources, ClaimLease)
		if err != nil {
			return fail(fmt.Errorf("claim: %w", err))
		}
		releases = append(releases, rel)
		var held, others []*pending
		for i, w := range waiting {
			if mine[i] {
				held = append(held, w)
			} else {
				others = append(others, w)
			}
		}
		// Another worker may have stored some between the lookup and the
		// claim: those are not sent again.
		if held, err = p.recall(ctx, doc, held, st); err != nil {
			return fail(err)
		}
		send = append(send, held...)
		if round == 0 {
			st.Waited += len(others)
		}
		if len(others) == 0 {
			break
		}
		if !time.Now().Before(deadline) {
			st.WaitedThenSent += len(others)
			send = append(send, others...)
			break
		}
		select {
		case <-ctx.Done():
			return fail(ctx.Err())
		case <-p.Stop:
			return fail(ErrStopped)
		case <-time.After(min(poll, time.Until(deadline))):
		}
		poll = min(2*poll, claimPollMax)
		if waiting, err = p.recall(ctx, doc, others, st); err != nil {
			return fail(err)
		}
	}
	// In the document's order: batches and the memory's rows follow it.
	slices.SortFunc(send, func(a, b *pending) int { return cmp.Compare(a.index, b.index) })
	return send, release, nil
}
