package client

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/computenest-sdk/computenest-go/internal/wire"
)

// attemptResult is what an attempt learnt besides its answer or error: the
// answer's status, request ID and Resend, and whether MaxElapsed ended it.
type attemptResult struct {
	wire.Answer
	outOfTime bool
}

// attempt sends one signed request for action name and decodes the answer
// into a new T, which check judges; every failure comes back typed. The
// attempt, from waiting for credentials
// to the last byte of the body, is bounded by its AttemptTimeout and by
// end, when MaxElapsed runs out, and by ctx, whatever context the hook
// returned (hctx carries the hook's values).
func attempt[T any](ctx, hctx context.Context, c *Client, o *callOptions, name string, check func(*T) error, query []wire.Param, end time.Time) (out *T, res attemptResult, err error) {
	deadline, cause := time.Now().Add(o.attemptTimeout), ErrAttemptTimeout
	if end.Before(deadline) {
		deadline, cause = end, o.maxElapsedErr
	}
	actx, cancel := context.WithDeadlineCause(hctx, deadline, cause)
	defer cancel()
	if hctx != ctx {
		// A hook's context need not end with ctx: make it.
		stop := context.AfterFunc(ctx, cancel)
		defer stop()
	}
	cred, err := c.cred.get(actx)
	if err != nil {
		var credErr *CredentialsError
		if errors.As(err, &credErr) {
			return nil, res, credErr
		}
		return nil, res, o.failedAttempt(ctx, actx, name, "", err, &res)
	}
	out, ans, err := wire.Exchange[T](actx, c.conn, name, query, cred, o.userAgent)
	res.Answer = ans
	switch {
	case out != nil:
		if err = check(out); err == nil {
			return out, res, nil
		}
	case ans.Status >= 400:
		if ctx.Err() != nil {
			return nil, res, fmt.Errorf("computenest: %s: %w", name, contextError(ctx))
		}
		return nil, res, newAPIError(name, ans)
	case ans.Status == 0:
		return nil, res, o.failedAttempt(ctx, actx, name, "", err, &res)
	}
	if actx.Err() != nil { // the body stalled, or ctx ended
		return nil, res, o.failedAttempt(ctx, actx, name, ans.RequestID, err, &res)
	}
	return nil, res, &DecodeError{Action: name, StatusCode: ans.Status, RequestId: ans.RequestID, ContentType: ans.ContentType, Err: err}
}

// newAPIError is the *APIError of an error answer.
func newAPIError(action string, a wire.Answer) *APIError {
	e := &APIError{Action: action, StatusCode: a.Status, RequestId: a.RequestID, RetryAfter: a.RetryAfter, Body: a.Summary}
	if doc := a.Doc; doc != nil {
		e.Code, e.Message, e.HostId, e.Recommend = doc.Code, doc.Message, doc.HostId, doc.Recommend
	}
	return e
}

// failedAttempt types the failure of an attempt that got no complete
// response: ctx's error when the caller's context ended; the end of
// MaxElapsed (res.outOfTime is set); otherwise a *TransportError, whose
// cause is ErrAttemptTimeout when the attempt's own deadline ended it.
func (o *callOptions) failedAttempt(ctx, actx context.Context, action, requestID string, err error, res *attemptResult) error {
	if ctx.Err() != nil {
		return fmt.Errorf("computenest: %s: %w", action, contextError(ctx))
	}
	if actx.Err() != nil {
		if cause := context.Cause(actx); cause != ErrAttemptTimeout {
			res.outOfTime = true
			return fmt.Errorf("computenest: %s: %w", action, cause)
		}
		// Not err itself: it holds context.DeadlineExceeded, which reads
		// as the caller's deadline, and that is never retried.
		err = fmt.Errorf("%w (%v)", ErrAttemptTimeout, o.attemptTimeout)
	}
	return &TransportError{Action: action, RequestId: requestID, Err: err}
}
