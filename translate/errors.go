package translate

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors that backends map vendor errors onto. Test with errors.Is.
var (
	// ErrAuth: the credentials are missing, wrong or not allowed. Never retried.
	ErrAuth = errors.New("authentication failed")
	// ErrQuota: the account's quota is exhausted. Never retried.
	ErrQuota = errors.New("quota exhausted")
	// ErrRateLimited: too many requests now. Retried after a back-off.
	ErrRateLimited = errors.New("rate limited")
	// ErrUnsupportedPair: the backend cannot translate this language pair.
	ErrUnsupportedPair = errors.New("unsupported language pair")
	// ErrRequestTooLarge: a request or single segment exceeds the backend's limits.
	ErrRequestTooLarge = errors.New("request too large")
	// ErrBadReply: the reply was malformed, truncated or misaligned.
	ErrBadReply = errors.New("bad reply from backend")
	// ErrUnavailable: a server error, timeout or reset. Retried.
	ErrUnavailable = errors.New("backend unavailable")
	// ErrUnsupportedOption: an option's value is one the backend says it
	// does not support for this language (DeepL's formality with English).
	// Never retried: it is the user's input.
	ErrUnsupportedOption = errors.New("option not supported")
)

// LanguageOptionError says which option a backend refuses for which language, and
// what is allowed instead. It unwraps to [ErrUnsupportedOption].
type LanguageOptionError struct {
	Backend, Option, Value, Lang string
	// Allowed says what would be accepted, as a phrase.
	Allowed string
}

func (e *LanguageOptionError) Error() string {
	return fmt.Sprintf("%s: option %s=%s is not supported for target language %s: %s", e.Backend, e.Option, e.Value, e.Lang, e.Allowed)
}

func (e *LanguageOptionError) Unwrap() error { return ErrUnsupportedOption }

// UnsupportedPairError says which pairs a backend does have.
type UnsupportedPairError struct {
	Backend   string
	Pair      Pair
	Available []Pair
}

func (e *UnsupportedPairError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: language pair %s not available", e.Backend, e.Pair)
	if len(e.Available) > 0 {
		b.WriteString(" (available: ")
		for i, p := range e.Available {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(p.String())
		}
		b.WriteString(")")
	}
	return b.String()
}

func (e *UnsupportedPairError) Unwrap() error { return ErrUnsupportedPair }

// RetryAfterError carries a server's Retry-After delay with a retryable error.
type RetryAfterError struct {
	Err   error
	After time.Duration
}

func (e *RetryAfterError) Error() string { return e.Err.Error() }
func (e *RetryAfterError) Unwrap() error { return e.Err }

// AccountWide reports whether err is a failure of the whole account, not of
// one request: the key is refused ([ErrAuth]) or the quota is exhausted
// ([ErrQuota]). Every later request would fail the same way, so the pipeline
// stops making them at the first.
func AccountWide(err error) bool {
	return errors.Is(err, ErrAuth) || errors.Is(err, ErrQuota)
}

// Retryable reports whether err is worth another try: rate limits, server
// errors, timeouts, resets and malformed replies, never auth or quota errors.
func Retryable(err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, ErrAuth), errors.Is(err, ErrQuota), errors.Is(err, ErrUnsupportedOption),
		errors.Is(err, ErrUnsupportedPair), errors.Is(err, ErrRequestTooLarge):
		return false
	case errors.Is(err, ErrRateLimited), errors.Is(err, ErrUnavailable), errors.Is(err, ErrBadReply):
		return true
	}
	return false
}
