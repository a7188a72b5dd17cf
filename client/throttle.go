package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"
)

// throttleGate holds back every attempt of a client after an answer that
// signals overload asked it to wait, so one throttled call slows every
// goroutine sharing the client, with or without Config.RateLimit.
//
// The gate keeps the service's own hint; each call waits for it at most
// its own RetryPolicy.MaxDelay (per-call Options included), so one call's
// policy never lengthens or shortens another's wait.
type throttleGate struct {
	// until is the end of the current hold, in nanoseconds since
	// gateEpoch (a monotonic clock); 0 or past means open.
	until atomic.Int64
}

// gateEpoch is the origin of throttleGate's monotonic clock.
var gateEpoch = time.Now()

// signalsOverload reports whether an error answer may hold back other
// calls: throttling, or 503 Service Unavailable. Any other answer (a 400
// for a bad parameter, a 403, a 404) says nothing of the service's load,
// whatever Retry-After it carries.
func signalsOverload(e *APIError) bool {
	return isThrottling(e) || e.StatusCode == http.StatusServiceUnavailable
}

// hold closes the gate for the hint err carries, when err is an answer
// that signals overload. A later end already set is kept.
func (g *throttleGate) hold(err error) {
	var apiErr *APIError
	if err == nil || !errors.As(err, &apiErr) || apiErr.RetryAfter <= 0 || !signalsOverload(apiErr) {
		return
	}
	until := int64(time.Since(gateEpoch) + apiErr.RetryAfter)
	for {
		cur := g.until.Load()
		if cur >= until || g.until.CompareAndSwap(cur, until) {
			return
		}
	}
}

// wait returns when the gate is open or maxDelay (the call's
// RetryPolicy.MaxDelay) has passed, whichever is first, or with ctx's
// error if ctx ends first. A wait that would last past end (the call's
// MaxElapsed) is not waited out: the call ends at once with outOfTime, as
// a rate-limit wait does, so the gate cannot stretch a call past its bound.
func (g *throttleGate) wait(ctx context.Context, action string, maxDelay time.Duration, end time.Time, outOfTime error) error {
	d := min(time.Duration(g.until.Load())-time.Since(gateEpoch), maxDelay)
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
