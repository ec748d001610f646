package translate

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestNewStatusError(t *testing.T) {
	tests := []struct {
		status     int
		retryAfter string
		sentinel   error
		want       error
		retryable  bool
		after      time.Duration
	}{
		{401, "", nil, ErrAuth, false, 0},
		{403, "", nil, ErrAuth, false, 0},
		{429, "3", nil, ErrRateLimited, true, 3 * time.Second},
		{429, "", nil, ErrRateLimited, true, 0},
		{413, "", nil, ErrRequestTooLarge, false, 0},
		{414, "", nil, ErrRequestTooLarge, false, 0},
		{503, "1.5", nil, ErrUnavailable, true, 1500 * time.Millisecond},
		{500, "", nil, ErrUnavailable, true, 0},
		{456, "", ErrQuota, ErrQuota, false, 0},
		{400, "", ErrUnsupportedPair, ErrUnsupportedPair, false, 0},
		{401, "5", nil, ErrAuth, false, 0}, // Retry-After on a final error is ignored
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			h := http.Header{}
			if tt.retryAfter != "" {
				h.Set("Retry-After", tt.retryAfter)
			}
			err := NewStatusError("deepl", tt.status, h, tt.sentinel, "key abc123 refused", "abc123")
			if !errors.Is(err, tt.want) || Retryable(err) != tt.retryable {
				t.Errorf("err = %v (retryable %v), want %v (retryable %v)", err, Retryable(err), tt.want, tt.retryable)
			}
			if strings.Contains(err.Error(), "abc123") {
				t.Errorf("error text leaks the key: %v", err)
			}
			ra, ok := errors.AsType[*RetryAfterError](err)
			if got := time.Duration(0); ok {
				got = ra.After
				if got != tt.after {
					t.Errorf("Retry-After = %v, want %v", got, tt.after)
				}
			} else if tt.after != 0 {
				t.Errorf("no RetryAfterError, want %v", tt.after)
			}
		})
	}
	if err := NewStatusError("x", 400, nil, nil, ""); Retryable(err) {
		t.Errorf("plain 400 is retryable: %v", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"", 0, false},
		{"soon", 0, false},
		{"-1", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseRetryAfter(%q) = %v, %v, want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestTransportErrorRedactsURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close() // reset: the client sees EOF
	}))
	defer srv.Close()
	const key = "AIzaSyTESTKEY0123"
	_, err := http.Get(srv.URL + "/v2?key=" + key + "&q=Le+chat")
	if err == nil || !strings.Contains(err.Error(), key) {
		t.Fatalf("precondition: the client's error should print the URL, got %v", err)
	}
	got := TransportError(context.Background(), "google", err)
	if strings.Contains(got.Error(), key) {
		t.Errorf("key leaked: %v", got)
	}
	if !errors.Is(got, ErrUnavailable) || !Retryable(got) {
		t.Errorf("reset is %v, want retryable ErrUnavailable", got)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got = TransportError(ctx, "google", err)
	if !errors.Is(got, context.Canceled) || Retryable(got) {
		t.Errorf("cancelled: %v, want context.Canceled, not retryable", got)
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	f.Add("120")
	f.Add("Wed, 21 Oct 2015 07:28:00 GMT")
	f.Add("1e308")
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := ParseRetryAfter(v, time.Now())
		if d < 0 || (!ok && d != 0) {
			t.Errorf("ParseRetryAfter(%q) = %v, %v", v, d, ok)
		}
	})
}
