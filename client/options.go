package client

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Options are the settings of one call, aws-sdk-go-v2 style: pass functions
// that change them to ListBackups and ListRestoreTasks, or through
// PaginatorOptions.ClientOptions and WaiterOptions.ClientOptions to every
// call a paginator, iterator, ListAll function or waiter makes.
//
//	resp, err := c.ListBackups(ctx, req, func(o *client.Options) {
//		o.Retry = client.NoRetries()
//		o.AttemptTimeout = 2 * time.Second
//	})
//
// The functions see the client's settings and change them for this call
// only; the client is never changed.
type Options struct {
	// Retry is the call's retry policy. The functions see a copy of the
	// client's (Config.Retry, or DefaultRetryPolicy): change its fields, or
	// replace it, e.g. with NoRetries(). nil means the client's.
	Retry *RetryPolicy
	// Logger receives the call's per-attempt lines (see Config.Logger); it
	// starts as Config.Logger, and nil logs nothing.
	Logger *slog.Logger
	// UserAgent is appended to the client's User-Agent for this call; it
	// starts empty.
	UserAgent string
	// AttemptTimeout, when above zero, bounds each attempt of the call (the
	// request and the reading of its answer). An attempt that runs out of
	// it is retried like a dropped connection; the whole call is still
	// bounded by its ctx. It starts at zero: no bound beyond ctx.
	AttemptTimeout time.Duration
	// Hook receives the call's per-attempt events; it starts as
	// Config.Hook, and nil sends none.
	Hook Hook
}

// callOptions are a call's Options, resolved once and threaded through
// invoke.
type callOptions struct {
	retry          RetryPolicy
	logger         *slog.Logger
	userAgent      string // the whole User-Agent header
	attemptTimeout time.Duration
	hook           Hook
}

// callOptions resolves optFns over the client's settings. Without option
// functions it allocates nothing.
func (c *Client) callOptions(optFns []func(*Options)) (callOptions, error) {
	o := callOptions{retry: c.retry, logger: c.logger, userAgent: c.userAgent, hook: c.cfg.Hook}
	if len(optFns) == 0 {
		return o, nil
	}
	retry := c.retry
	opts := Options{Retry: &retry, Logger: c.logger, Hook: c.cfg.Hook}
	for _, fn := range optFns {
		if fn != nil {
			fn(&opts)
		}
	}
	if opts.Retry != nil {
		p, err := (&Config{Retry: opts.Retry}).retryPolicy()
		if err != nil {
			return o, fmt.Errorf("Options.Retry: %w", err)
		}
		o.retry = p
	}
	if opts.AttemptTimeout < 0 {
		return o, fmt.Errorf("computenest: Options.AttemptTimeout is %s: must not be negative (0 means none)", opts.AttemptTimeout)
	}
	o.logger, o.hook, o.attemptTimeout = opts.Logger, opts.Hook, opts.AttemptTimeout
	if opts.UserAgent != "" {
		o.userAgent += " " + opts.UserAgent
	}
	return o, nil
}

// runAttempt runs attempt n of a call under its options: with the hook's
// context and the attempt timeout. actx is the attempt's context.
func runAttempt[T any](ctx context.Context, c *Client, o *callOptions, action string, n int, query []param) (actx context.Context, out *T, status int, requestID string, err error) {
	actx, cancel := o.attemptContext(ctx, action, n)
	if cancel != nil {
		defer cancel()
	}
	out, status, requestID, err = attemptCall[T](actx, c, o, action, query)
	return actx, out, status, requestID, o.attemptError(ctx, actx, action, err)
}

// attemptContext is the context attempt n is sent with: ctx, bounded by
// AttemptTimeout and given to the hook's AttemptStart. cancel is nil when
// there is nothing to cancel.
func (o *callOptions) attemptContext(ctx context.Context, action string, n int) (actx context.Context, cancel context.CancelFunc) {
	actx = ctx
	if o.hook != nil {
		if hctx := o.hook.AttemptStart(ctx, action, n); hctx != nil {
			actx = hctx
		}
	}
	if o.attemptTimeout > 0 {
		actx, cancel = context.WithTimeout(actx, o.attemptTimeout)
	}
	return actx, cancel
}

// attemptError turns the failure of an attempt whose own deadline passed,
// while the call's ctx had not ended, into an *attemptTimeoutError, which is
// retried. An answer of the service is kept as it is.
func (o *callOptions) attemptError(ctx, actx context.Context, action string, err error) error {
	if err == nil || o.attemptTimeout <= 0 || ctx.Err() != nil || actx.Err() == nil {
		return err
	}
	if apiErr := (*APIError)(nil); errors.As(err, &apiErr) {
		return err
	}
	return &attemptTimeoutError{action: action, timeout: o.attemptTimeout}
}

// attemptTimeoutError is an attempt that ran out of Options.AttemptTimeout.
// It is a net.Error whose Timeout is true, so IsRetryable retries it, and
// errors.Is(err, context.DeadlineExceeded) holds; it is not the call's own
// context ending.
type attemptTimeoutError struct {
	action  string
	timeout time.Duration
}

func (e *attemptTimeoutError) Error() string {
	return fmt.Sprintf("computenest: %s: attempt timed out after %s (Options.AttemptTimeout)", e.action, e.timeout)
}

// Timeout reports true: the attempt timed out.
func (e *attemptTimeoutError) Timeout() bool { return true }

// Temporary reports true: another attempt may succeed.
func (e *attemptTimeoutError) Temporary() bool { return true }

// Is makes errors.Is(err, context.DeadlineExceeded) hold.
func (e *attemptTimeoutError) Is(target error) bool { return target == context.DeadlineExceeded }
