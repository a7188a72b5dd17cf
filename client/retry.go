package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/alibabacloud-go/tea/dara"
)

// RetryPolicy says which failed calls are sent again and how long to wait.
// Every retry is a new request: darabonba signs it again with a fresh nonce
// and date.
type RetryPolicy struct {
	// MaxAttempts counts every try, the first included; 1 turns retries off.
	MaxAttempts int
	// BaseDelay is the first backoff; each retry doubles it, with jitter.
	BaseDelay time.Duration
	// MaxDelay caps one backoff, and a retry-after hint from the service.
	MaxDelay time.Duration
	// Retryable decides whether err is worth another try; nil uses IsRetryable.
	Retryable func(err error) bool
}

// DefaultRetryPolicy is used when Config.Retry is nil: 4 attempts, backoff
// from 200ms doubling to at most 10s, with equal jitter.
func DefaultRetryPolicy() *RetryPolicy {
	return &RetryPolicy{MaxAttempts: 4, BaseDelay: 200 * time.Millisecond, MaxDelay: 10 * time.Second}
}

// NoRetries is a policy that sends every request once.
func NoRetries() *RetryPolicy { return &RetryPolicy{MaxAttempts: 1} }

func (c *Config) retryPolicy() (RetryPolicy, error) {
	if c.Retry == nil {
		return *DefaultRetryPolicy(), nil
	}
	p := *c.Retry
	if p.MaxAttempts < 1 {
		return p, fmt.Errorf("computenest: Config.Retry.MaxAttempts is %d: must be at least 1", p.MaxAttempts)
	}
	if p.BaseDelay < 0 || p.MaxDelay < 0 {
		return p, fmt.Errorf("computenest: Config.Retry delays must not be negative")
	}
	if p.BaseDelay == 0 {
		p.BaseDelay = DefaultRetryPolicy().BaseDelay
	}
	if p.MaxDelay == 0 {
		p.MaxDelay = DefaultRetryPolicy().MaxDelay
	}
	return p, nil
}

// IsRetryable is the default retry decision: throttling and 5xx answers,
// connections that failed or were cut before a full response, and timeouts
// of one attempt. Client errors (bad parameters, signatures, permissions)
// and the caller's own context ending are not retryable.
func IsRetryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.IsRetryable()
	}
	var credErr *CredentialsError
	if errors.As(err, &credErr) {
		return false
	}
	if errors.Is(err, ErrResponseTooLarge) {
		return false
	}
	var decErr *DecodeError
	if errors.As(err, &decErr) {
		// A body cut off mid-way is a dropped connection; a complete but
		// wrong body will be wrong again.
		return errors.Is(decErr.Err, io.ErrUnexpectedEOF) || isNetError(decErr.Err)
	}
	return isNetError(err) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

func isNetError(err error) bool {
	var netErr net.Error
	var opErr *net.OpError
	return errors.As(err, &netErr) || errors.As(err, &opErr)
}

func (p *RetryPolicy) retryable(err error) bool {
	if p.Retryable != nil {
		return p.Retryable(err)
	}
	return IsRetryable(err)
}

// delay is the wait before retry number n (1 for the first retry): the
// service's retry-after hint when it gave one, otherwise darabonba's
// exponential backoff with equal jitter; capped by MaxDelay either way.
func (p *RetryPolicy) delay(n int, err error) time.Duration {
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.RetryAfter > 0 {
		return min(apiErr.RetryAfter, p.MaxDelay)
	}
	backoff := &dara.EqualJitterBackoffPolicy{
		Period: int(p.BaseDelay / time.Millisecond),
		Cap:    int(p.MaxDelay / time.Millisecond),
	}
	ms := backoff.GetDelayTime(&dara.RetryPolicyContext{RetriesAttempted: n - 1})
	return min(time.Duration(ms)*time.Millisecond, p.MaxDelay)
}

// sleep waits d or until ctx ends, whichever is first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
