package translate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// StatusError is an HTTP error reply from a backend's server. It unwraps to the
// sentinel its status maps onto ([ErrAuth], [ErrQuota], …), so callers test it
// with errors.Is.
type StatusError struct {
	Backend string
	Status  int
	// Message is the server's explanation, redacted.
	Message string
	// Err is the sentinel the reply maps onto.
	Err error
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("%s: HTTP %d", e.Backend, e.Status)
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg + " (" + e.Err.Error() + ")"
}

func (e *StatusError) Unwrap() error { return e.Err }

// StatusSentinel is the usual meaning of an HTTP status: 401 and 403
// [ErrAuth], 429 [ErrRateLimited], 413 and 414 [ErrRequestTooLarge], 408 and
// 5xx [ErrUnavailable]; nil for any other status. Backends override it where
// their API differs (DeepL's 456, Google's 403 reasons).
func StatusSentinel(status int) error {
	switch {
	case status == http.StatusUnauthorized, status == http.StatusForbidden:
		return ErrAuth
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	case status == http.StatusRequestEntityTooLarge, status == http.StatusRequestURITooLong:
		return ErrRequestTooLarge
	case status == http.StatusRequestTimeout, status >= 500:
		return ErrUnavailable
	}
	return nil
}

// errClient is the sentinel of a client error with no better meaning: the
// request was refused as written, so retrying it is pointless.
var errClient = errors.New("request refused")

// NewStatusError builds the error for an HTTP error reply. sentinel nil means
// [StatusSentinel] of the status. message is redacted of secrets. A
// Retry-After header on a retryable reply gives a [*RetryAfterError].
func NewStatusError(backend string, status int, header http.Header, sentinel error, message string, secrets ...string) error {
	if sentinel == nil {
		sentinel = StatusSentinel(status)
	}
	if sentinel == nil {
		sentinel = errClient
	}
	var err error = &StatusError{Backend: backend, Status: status, Message: Redact(strings.TrimSpace(message), secrets...), Err: sentinel}
	if d, ok := ParseRetryAfter(header.Get("Retry-After"), time.Now()); ok && Retryable(err) {
		err = &RetryAfterError{Err: err, After: d}
	}
	return err
}

// ParseRetryAfter reads a Retry-After header: delay seconds or an HTTP date.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs < 0 || secs > 1e6 {
			return 0, false
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// TransportError maps an error from sending a request or reading its reply onto
// the sentinels: a cancelled or expired ctx stays that error (not retried);
// timeouts, resets, refused connections and cut bodies are [ErrUnavailable]. Its
// text is redacted of secrets and of credential URL parameters, because the HTTP
// client's *url.Error prints the URL, and it does not unwrap to the original
// error (which would print them again).
func TransportError(ctx context.Context, backend string, err error, secrets ...string) error {
	msg := Redact(err.Error(), secrets...)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return &redactedError{msg: backend + ": " + msg, errs: []error{ctxErr}}
	}
	sentinel := ErrBadReply
	var netErr net.Error
	switch {
	case errors.Is(err, ErrRedirected):
		// A *url.Error is a net.Error; a refused redirect is no outage.
		sentinel = ErrRedirected
	case errors.As(err, &netErr), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.EPIPE), errors.Is(err, context.DeadlineExceeded):
		sentinel = ErrUnavailable
	}
	return &redactedError{msg: backend + ": " + msg + " (" + sentinel.Error() + ")", errs: []error{sentinel}}
}

// redactedError carries a redacted text and the sentinels it stands for.
type redactedError struct {
	msg  string
	errs []error
}

func (e *redactedError) Error() string   { return e.msg }
func (e *redactedError) Unwrap() []error { return e.errs }
