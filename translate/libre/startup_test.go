package libre_test

import (
	"context"
	"testing"
	"time"

	"github.com/diglot/diglot/pipeline"
	"github.com/diglot/diglot/translate/internal/servertest"
	"github.com/diglot/diglot/translate/libre/libretest"
)

// One 503 or 429 on /languages does not end the run: the start-up call is
// retried with the backend's policy.
func TestLanguageListingIsRetried(t *testing.T) {
	for _, f := range []servertest.Fault{servertest.Unavailable, servertest.RateLimit} {
		t.Run(string(f), func(t *testing.T) {
			c, srv := newClient(t, libretest.Options{Key: key}, nil)
			srv.Inject(f, 1)
			nowait := func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
			if err := pipeline.Prepare(context.Background(), c, "fr", "en", pipeline.SendOptions{Sleep: nowait}); err != nil {
				t.Fatalf("one %s on the listing ended the run: %v", f, err)
			}
			if got := srv.Stats().Requests; got != 2 {
				t.Errorf("%d requests, want 2", got)
			}
		})
	}
}
