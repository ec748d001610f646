package translate

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// recorder is a RetryPolicy whose sleeps return at once and are recorded.
func recorder(p RetryPolicy, waits *[]time.Duration) RetryPolicy {
	p.Sleep = func(ctx context.Context, d time.Duration) error {
		*waits = append(*waits, d)
		return ctx.Err()
	}
	p.Rand = func() float64 { return 0.5 }
	return p
}

func TestRetryPolicyDo(t *testing.T) {
	rateLimited := fmt.Errorf("x: %w", ErrRateLimited)
	tests := []struct {
		name      string
		policy    RetryPolicy
		errs      []error // returned by successive calls; nil after the end
		wantCalls int
		wantErr   error
		wantWaits []time.Duration
	}{
		{"success first time", RetryPolicy{}, nil, 1, nil, nil},
		{"retries then succeeds", RetryPolicy{Base: 100 * time.Millisecond, Max: time.Second},
			[]error{rateLimited, ErrUnavailable, ErrBadReply}, 4, nil,
			[]time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond}},
		{"backoff capped by Max", RetryPolicy{Base: 100 * time.Millisecond, Max: 300 * time.Millisecond, MaxAttempts: 5},
			[]error{rateLimited, rateLimited, rateLimited, rateLimited}, 5, nil,
			[]time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 150 * time.Millisecond, 150 * time.Millisecond}},
		{"auth never retried", RetryPolicy{}, []error{ErrAuth}, 1, ErrAuth, nil},
		{"quota never retried", RetryPolicy{}, []error{ErrQuota}, 1, ErrQuota, nil},
		{"unknown errors not retried", RetryPolicy{}, []error{errors.New("boom")}, 1, nil, nil},
		{"attempts bounded", RetryPolicy{MaxAttempts: 2, Base: time.Millisecond},
			[]error{ErrUnavailable, ErrUnavailable, ErrUnavailable}, 2, ErrUnavailable, []time.Duration{time.Millisecond / 2}},
		{"retry-after honoured", RetryPolicy{Base: time.Millisecond, Max: time.Minute},
			[]error{&RetryAfterError{Err: ErrRateLimited, After: 7 * time.Second}}, 2, nil, []time.Duration{7 * time.Second}},
		{"retry-after capped by Max", RetryPolicy{Max: 2 * time.Second},
			[]error{&RetryAfterError{Err: ErrRateLimited, After: time.Hour}}, 2, nil, []time.Duration{2 * time.Second}},
		{"budget bounds the waiting", RetryPolicy{Max: 10 * time.Second, Budget: 15 * time.Second, MaxAttempts: 10},
			[]error{&RetryAfterError{Err: ErrRateLimited, After: 10 * time.Second}, &RetryAfterError{Err: ErrRateLimited, After: 10 * time.Second}},
			2, ErrRateLimited, []time.Duration{10 * time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var waits []time.Duration
			var hooked []int
			p := recorder(tt.policy, &waits)
			p.OnRetry = func(attempt int, err error, wait time.Duration) { hooked = append(hooked, attempt) }
			calls := 0
			err := p.Do(context.Background(), func(context.Context) error {
				calls++
				if calls <= len(tt.errs) {
					return tt.errs[calls-1]
				}
				return nil
			})
			if calls != tt.wantCalls {
				t.Errorf("calls = %d, want %d", calls, tt.wantCalls)
			}
			switch {
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			case tt.wantErr == nil && tt.wantCalls > len(tt.errs) && err != nil:
				t.Errorf("err = %v, want success", err)
			}
			if fmt.Sprint(waits) != fmt.Sprint(tt.wantWaits) {
				t.Errorf("waits = %v, want %v", waits, tt.wantWaits)
			}
			if len(hooked) != len(waits) {
				t.Errorf("OnRetry called %d times for %d retries", len(hooked), len(waits))
			}
		})
	}
}

func TestRetryPolicyStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	start := time.Now()
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	err := RetryPolicy{Base: time.Hour, Max: time.Hour, Budget: 10 * time.Hour, Rand: func() float64 { return 1 }}.
		Do(ctx, func(context.Context) error { calls++; return ErrUnavailable })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if calls != 1 {
		t.Errorf("calls = %d, want 1", calls)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("Do returned after %v, not at once", time.Since(start))
	}
}

func TestRetryPolicyFullJitter(t *testing.T) {
	var waits []time.Duration
	p := recorder(RetryPolicy{Base: time.Second, Max: time.Minute, MaxAttempts: 3}, &waits)
	draws := []float64{0, 0.999}
	p.Rand = func() float64 { d := draws[0]; draws = draws[1:]; return d }
	_ = p.Do(context.Background(), func(context.Context) error { return ErrUnavailable })
	if len(waits) != 2 || waits[0] != 0 || waits[1] < 1990*time.Millisecond || waits[1] >= 2*time.Second {
		t.Errorf("waits = %v, want [0, just under 2s]", waits)
	}
}

// DeepL's clients: 1 s, ×1.6, ±23 %.
func TestRetryPolicyMultiplierAndJitter(t *testing.T) {
	for _, tc := range []struct {
		draw float64
		want []time.Duration
	}{
		{0.5, []time.Duration{time.Second, 1600 * time.Millisecond, 2560 * time.Millisecond}},
		{0, []time.Duration{770 * time.Millisecond, 1232 * time.Millisecond, 1971200 * time.Microsecond}},
	} {
		var waits []time.Duration
		p := recorder(RetryPolicy{MaxAttempts: 4, Base: time.Second, Multiplier: 1.6, Jitter: 0.23, Max: time.Minute}, &waits)
		p.Rand = func() float64 { return tc.draw }
		_ = p.Do(context.Background(), func(context.Context) error { return ErrRateLimited })
		if fmt.Sprint(waits) != fmt.Sprint(tc.want) {
			t.Errorf("draw %v: waits = %v, want %v", tc.draw, waits, tc.want)
		}
	}
}
