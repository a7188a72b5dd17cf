package client

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// invoke is the one call path both actions share: resolve the options,
// validate, flatten, then attempt (sign, send, decode) until success, a
// final error, or ctx or RetryPolicy.MaxElapsed ends. Between attempts it
// waits for the throttle gate, the rate limit and the retry's backoff.
func invoke[Req listRequest[Req], T any, Item comparable](ctx context.Context, c *Client, d *action[Req, T, Item], req Req, optFns []func(*Options)) (*T, error) {
	o, err := c.callOptions(optFns)
	if err != nil {
		return nil, fmt.Errorf("computenest: %s: %w", d.name, err)
	}
	if err := req.Validate(); err != nil {
		return nil, fmt.Errorf("computenest: %s: %w", d.name, err)
	}
	query := d.query(req)
	// end is MaxElapsed from now. Each attempt's context has the earlier
	// of its AttemptTimeout and end as its deadline, each wait stops
	// short of end: one context per attempt, none per call.
	end := time.Now().Add(o.retry.MaxElapsed)
	// sent counts the requests sent (AttemptEvent.Attempt, TransportError's
	// Attempts); resent is 1 once a request refused for its date was signed
	// again, which uses up no attempt of MaxAttempts.
	resent := 0
	var lastErr error
	for sent := 1; ; sent++ {
		if err := c.throttle.wait(ctx, d.name, o.retry.MaxDelay, end, o.maxElapsedErr); err != nil {
			return nil, err
		}
		if c.limiter != nil {
			if err := waitForToken(ctx, c.limiter, end, o.maxElapsedErr); err != nil {
				return nil, fmt.Errorf("computenest: %s: waiting for the rate limit: %w", d.name, err)
			}
		}
		start := time.Now()
		hctx := o.attemptStart(ctx, d.name, sent)
		out, res, err := attempt(ctx, hctx, c, &o, d.name, d.checkShape, query, end)
		c.throttle.hold(err)
		ev := AttemptEvent{Action: d.name, Attempt: sent, RequestId: res.RequestID, StatusCode: res.Status, Err: err}
		if err != nil && resent == 0 && res.Resend {
			// The service refused the date, and its own Date says our
			// clock is off: sign again with the corrected time, once,
			// without waiting and without using up an attempt.
			resent = 1
			ev.Duration = time.Since(start)
			o.report(hctx, ev)
			continue
		}
		n := sent - resent // this attempt's number against MaxAttempts
		retry := err != nil && n < o.retry.MaxAttempts && ctx.Err() == nil && !res.outOfTime && o.retry.retryable(err)
		if retry {
			ev.RetryDelay = o.retry.delay(n, err)
			// No retry that could not start before MaxElapsed ends.
			retry = time.Now().Add(ev.RetryDelay).Before(end)
		}
		if !retry {
			ev.RetryDelay = 0
		}
		ev.Duration = time.Since(start)
		o.report(hctx, ev)
		if res.outOfTime && lastErr != nil {
			// MaxElapsed ended this attempt: say what the one before met.
			err = fmt.Errorf("%w (after an attempt that failed with: %w)", err, lastErr)
		}
		if !retry {
			return out, countAttempts(err, sent)
		}
		lastErr = err
		if serr := sleep(ctx, ev.RetryDelay); serr != nil {
			return nil, fmt.Errorf("computenest: %s: %w (while waiting to retry after: %w)", d.name, serr, countAttempts(err, sent))
		}
	}
}

// countAttempts records in err's *TransportError, if it has one, how many
// requests the call sent.
func countAttempts(err error, sent int) error {
	if err == nil {
		return nil
	}
	var te *TransportError
	if errors.As(err, &te) {
		te.Attempts = sent
	}
	return err
}

// callOptions resolves optFns over the client's settings, c.defaults.
// Without option functions it allocates nothing.
func (c *Client) callOptions(optFns []func(*Options)) (callOptions, error) {
	if len(optFns) == 0 {
		return c.defaults, nil
	}
	retry := c.defaults.retry
	opts := Options{Retry: &retry, Logger: c.defaults.logger, Hook: c.defaults.hook, AttemptTimeout: c.defaults.attemptTimeout}
	for _, fn := range optFns {
		if fn != nil {
			fn(&opts)
		}
	}
	return opts.resolve("Options", c.defaults)
}
