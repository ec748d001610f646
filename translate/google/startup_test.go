package google_test

import (
	"context"
	"testing"
	"time"

	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate/internal/servertest"
)

// One 503 on the language listing does not end the run: the start-up call
// is retried with the backend's policy, through Google's own client library.
func TestLanguageListingIsRetried(t *testing.T) {
	c, srv := newClient(t)
	srv.Inject(servertest.Unavailable, 1)
	nowait := func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	if err := pipeline.Prepare(context.Background(), c, "fr", "en", pipeline.SendOptions{Sleep: nowait}); err != nil {
		t.Fatalf("one 503 on the listing ended the run: %v", err)
	}
	if got := srv.Stats().Requests; got != 2 {
		t.Errorf("%d requests, want 2", got)
	}
}
