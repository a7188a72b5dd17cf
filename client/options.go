package client

import (
	"context"
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
	// AttemptTimeout bounds each attempt of the call, from waiting for
	// credentials to the last byte of the body. An attempt that runs out of
	// it is retried like a dropped connection; the whole call is still
	// bounded by its ctx and RetryPolicy.MaxElapsed. It starts at the
	// client's Config.AttemptTimeout (default 30s); zero means that too.
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
	maxElapsedErr  error // errMaxElapsed{retry.MaxElapsed}
	hook           Hook
}

// callOptions resolves optFns over the client's settings, c.defaults.
// Without option functions it allocates nothing.
func (c *Client) callOptions(optFns []func(*Options)) (callOptions, error) {
	o := c.defaults
	if len(optFns) == 0 {
		return o, nil
	}
	retry := o.retry
	opts := Options{Retry: &retry, Logger: o.logger, Hook: o.hook, AttemptTimeout: o.attemptTimeout}
	for _, fn := range optFns {
		if fn != nil {
			fn(&opts)
		}
	}
	if opts.Retry != nil {
		p, err := resolveRetry(opts.Retry, "Options.Retry")
		if err != nil {
			return o, err
		}
		o.retry = p
		if p.MaxElapsed != c.defaults.retry.MaxElapsed {
			o.maxElapsedErr = errMaxElapsed{p.MaxElapsed}
		}
	}
	if opts.AttemptTimeout < 0 {
		return o, fmt.Errorf("Options.AttemptTimeout is %s: must not be negative (0 means the client's)", opts.AttemptTimeout)
	}
	o.logger, o.hook = opts.Logger, opts.Hook
	if opts.AttemptTimeout > 0 {
		o.attemptTimeout = opts.AttemptTimeout
	}
	if opts.UserAgent != "" {
		o.userAgent += " " + opts.UserAgent
	}
	return o, nil
}

// runAttempt runs attempt n of a call under its options: with the hook's
// context, bounded by the attempt timeout and end (see attemptCall). actx
// is the hook's context for the attempt.
func runAttempt[T any](ctx context.Context, c *Client, o *callOptions, action string, n int, query []param, end time.Time) (actx context.Context, out *T, res attemptResult, err error) {
	actx = ctx
	if o.hook != nil {
		if hctx := o.hook.AttemptStart(ctx, action, n); hctx != nil {
			actx = hctx
		}
	}
	out, res, err = attemptCall[T](actx, c, o, action, query, end)
	return actx, out, res, err
}
