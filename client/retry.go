package client

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	"golang.org/x/time/rate"
)

// RetryPolicy says which failed calls are sent again and how long to wait.
// Every retry is a new request, signed again with a fresh nonce and date.
//
// Set Config.Retry to client.NoRetries() to send every request once.
type RetryPolicy struct {
	// MaxAttempts counts every try, the first included; 1 turns retries off.
	MaxAttempts int
	// BaseDelay is the first backoff; each retry doubles it, with jitter.
	BaseDelay time.Duration
	// MaxDelay caps one backoff, and a retry-after hint from the service.
	MaxDelay time.Duration
	// MaxElapsed bounds the whole call, every attempt, backoff and wait
	// for the rate limit or the credential provider included (default 1m;
	// zero means the default). An attempt in flight when it passes ends
	// then, and no retry is started whose backoff would end after it: the
	// call returns the last attempt's error instead. A call that ran out
	// of MaxElapsed wraps context.DeadlineExceeded and is not retryable.
	MaxElapsed time.Duration
	// Retryable decides whether err is worth another try; nil uses IsRetryable.
	// It is not asked once the call's context has ended.
	Retryable func(err error) bool
}

// DefaultRetryPolicy is used when Config.Retry is nil: 4 attempts, backoff
// from 200ms doubling to at most 10s, with equal jitter, and at most 1
// minute for the whole call.
func DefaultRetryPolicy() *RetryPolicy {
	return &RetryPolicy{MaxAttempts: 4, BaseDelay: 200 * time.Millisecond, MaxDelay: 10 * time.Second, MaxElapsed: time.Minute}
}

// NoRetries is a policy that sends every request once:
//
//	cfg := &client.Config{Retry: client.NoRetries()}
func NoRetries() *RetryPolicy { return &RetryPolicy{MaxAttempts: 1} }

// resolveRetry checks r (Config.Retry or Options.Retry, as field names it
// in errors) and fills in its zero fields; nil is DefaultRetryPolicy.
func resolveRetry(r *RetryPolicy, field string) (RetryPolicy, error) {
	if r == nil {
		return *DefaultRetryPolicy(), nil
	}
	p := *r
	if p.MaxAttempts < 1 {
		return p, fmt.Errorf("%s.MaxAttempts is %d: must be at least 1 (client.NoRetries() sends every request once)", field, p.MaxAttempts)
	}
	if p.BaseDelay < 0 || p.MaxDelay < 0 || p.MaxElapsed < 0 {
		return p, fmt.Errorf("%s delays must not be negative", field)
	}
	def := DefaultRetryPolicy()
	p.BaseDelay = cmp.Or(p.BaseDelay, def.BaseDelay)
	p.MaxDelay = cmp.Or(p.MaxDelay, def.MaxDelay)
	p.MaxElapsed = cmp.Or(p.MaxElapsed, def.MaxElapsed)
	return p, nil
}

func (p *RetryPolicy) retryable(err error) bool {
	if p.Retryable != nil {
		return p.Retryable(err)
	}
	return IsRetryable(err)
}

// delay is the wait before retry number n (1 for the first retry): the
// service's retry-after hint when it gave one, otherwise darabonba's
// exponential backoff with equal jitter (a random wait between half and all
// of min(MaxDelay, BaseDelay·2ⁿ⁻¹)); capped by MaxDelay either way.
func (p *RetryPolicy) delay(n int, err error) time.Duration {
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.RetryAfter > 0 {
		return min(apiErr.RetryAfter, p.MaxDelay)
	}
	// darabonba's policy works in whatever unit it is given; microseconds
	// keep sub-millisecond delays (tests use them) from rounding to zero.
	// tea computes Period·2ⁿ in floating point: with a Period of 0 (a
	// delay under 1µs) and n past 1023 that is 0·Inf, NaN, and
	// rand.Int63n panics. A Period of at least 1 and n at most 62 keep
	// the arithmetic finite; MaxDelay caps the result anyway.
	backoff := &dara.EqualJitterBackoffPolicy{
		Period: max(1, int(p.BaseDelay/time.Microsecond)),
		Cap:    int(p.MaxDelay / time.Microsecond),
	}
	us := backoff.GetDelayTime(&dara.RetryPolicyContext{RetriesAttempted: min(n-1, 62)})
	return min(time.Duration(us)*time.Microsecond, p.MaxDelay)
}

// sleep waits d or until ctx ends, whichever is first. A context that
// ended is reported with its cause (see contextError).
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		if ctx.Err() != nil {
			return contextError(ctx)
		}
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return contextError(ctx)
	case <-t.C:
		return nil
	}
}

// waitForToken takes one token from lim, waiting for it until ctx ends or,
// when the wait would outlast end, not at all: it then fails with
// outOfTime, the call's MaxElapsed error. Unlike rate.Limiter.Wait, a
// context that ends first is reported as the context's own error (so
// errors.Is(err, context.DeadlineExceeded) holds), and the token it had
// reserved goes back to the bucket.
func waitForToken(ctx context.Context, lim *rate.Limiter, end time.Time, outOfTime error) error {
	if ctx.Err() != nil {
		return contextError(ctx)
	}
	r := lim.Reserve()
	if !r.OK() { // only with a burst of 0, which NewClient never builds
		return errors.New("the rate limiter admits no request")
	}
	if d := r.Delay(); time.Now().Add(d).After(end) {
		r.Cancel()
		return outOfTime
	}
	if err := sleep(ctx, r.Delay()); err != nil {
		r.Cancel()
		return err
	}
	return nil
}

// errMaxElapsed is the cause of a call's end at RetryPolicy.MaxElapsed,
// wrapped with context.DeadlineExceeded.
type errMaxElapsed struct{ d time.Duration }

func (e errMaxElapsed) Error() string {
	return fmt.Sprintf("context deadline exceeded: the call ran out of RetryPolicy.MaxElapsed (%v)", e.d)
}

// Unwrap makes errors.Is(err, context.DeadlineExceeded) hold.
func (e errMaxElapsed) Unwrap() error { return context.DeadlineExceeded }
