package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
)

// maxRetryAfter caps the service's hint: a larger one reads as a day, so a
// huge value cannot overflow a time.Duration.
const maxRetryAfter = 24 * time.Hour

// retryAfter reads the service's throttling hint. x-acs-retry-after, in
// milliseconds, is read by darabonba's own openapiutil.GetThrottlingTimeLeft.
// That function knows nothing else, so the standard Retry-After header, in
// seconds (which gateways in front of the service send), is read here, and
// both are capped at maxRetryAfter. A hint that is not a positive integer
// counts as none.
func retryAfter(h http.Header) time.Duration {
	if v := h.Get("x-acs-retry-after"); v != "" {
		if ms := openapiutil.GetThrottlingTimeLeft(map[string]*string{"x-acs-retry-after": &v}); ms != nil && *ms > 0 {
			return time.Duration(min(*ms, int64(maxRetryAfter/time.Millisecond))) * time.Millisecond
		}
	}
	if s, err := strconv.ParseInt(h.Get("Retry-After"), 10, 64); err == nil && s > 0 {
		return time.Duration(min(s, int64(maxRetryAfter/time.Second))) * time.Second
	}
	return 0
}

// throttleGate holds back every attempt of a client until the time a
// throttled answer asked it to wait, so one throttled call slows every
// goroutine sharing the client, with or without Config.RateLimit.
type throttleGate struct {
	// until is the end of the current hold, in nanoseconds since
	// gateEpoch (a monotonic clock); 0 or past means open.
	until atomic.Int64
}

// gateEpoch is the origin of throttleGate's monotonic clock.
var gateEpoch = time.Now()

// hold closes the gate for the hint err carries (an *APIError's
// RetryAfter), at most maxDelay (the throttled call's RetryPolicy.MaxDelay).
// A later end already set is kept.
func (g *throttleGate) hold(err error, maxDelay time.Duration) {
	if err == nil {
		return
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.RetryAfter <= 0 {
		return
	}
	until := int64(time.Since(gateEpoch) + min(apiErr.RetryAfter, maxDelay))
	for {
		cur := g.until.Load()
		if cur >= until || g.until.CompareAndSwap(cur, until) {
			return
		}
	}
}

// wait returns when the gate is open, or with ctx's error if ctx ends
// first. A hold that would last past end (the call's MaxElapsed) is not
// waited out: the call ends at once with outOfTime, as a rate-limit wait
// does, so the gate cannot stretch a call past its bound.
func (g *throttleGate) wait(ctx context.Context, action string, end time.Time, outOfTime error) error {
	d := time.Duration(g.until.Load()) - time.Since(gateEpoch)
	if d <= 0 {
		return nil
	}
	if time.Now().Add(d).After(end) {
		return fmt.Errorf("computenest: %s: waiting out the service's throttling hint: %w", action, outOfTime)
	}
	if err := sleep(ctx, d); err != nil {
		return fmt.Errorf("computenest: %s: waiting out the service's throttling hint: %w", action, err)
	}
	return nil
}
