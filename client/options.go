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
// call a paginator or waiter makes.
//
//	resp, err := c.ListBackups(ctx, req, func(o *client.Options) {
//		o.Retry = client.NoRetries()
//		o.AttemptTimeout = 2 * time.Second
//	})
//
// They are the subset of Config that is safe to change for one call; what
// the calls of a client share (the endpoint, credentials, rate limit,
// connections, learnt clock and throttling hold) is not among them. The
// functions see the client's settings and change them for this call only;
// the client is never changed.
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

// callOptions are a call's settings, resolved once and threaded through
// invoke.
type callOptions struct {
	retry          RetryPolicy
	logger         *slog.Logger
	userAgent      string // the whole User-Agent header
	attemptTimeout time.Duration
	maxElapsedErr  error // errMaxElapsed{retry.MaxElapsed}
	hook           Hook
}

// resolve checks the settings that Config and Options both carry (owner,
// "Config" or "Options", names them in errors) and returns them resolved
// over base: nil Retry and zero AttemptTimeout keep base's, UserAgent is
// appended to base's. It is the one check of those settings.
func (o *Options) resolve(owner string, base callOptions) (callOptions, error) {
	out := base
	if o.Retry != nil {
		p, err := resolveRetry(o.Retry, owner+".Retry")
		if err != nil {
			return base, err
		}
		out.retry = p
	}
	if out.maxElapsedErr == nil || out.retry.MaxElapsed != base.retry.MaxElapsed {
		out.maxElapsedErr = errMaxElapsed{out.retry.MaxElapsed}
	}
	switch {
	case o.AttemptTimeout < 0:
		return base, fmt.Errorf("%s.AttemptTimeout is %s: must not be negative (0 means the default)", owner, o.AttemptTimeout)
	case o.AttemptTimeout > 0:
		out.attemptTimeout = o.AttemptTimeout
	}
	if o.UserAgent != "" {
		out.userAgent += " " + o.UserAgent
	}
	out.logger, out.hook = o.Logger, o.Hook
	return out, nil
}

// attemptStart tells the hook, if any, that attempt n of action starts, and
// returns the context it gave (ctx when there is no hook or it gave nil).
func (o *callOptions) attemptStart(ctx context.Context, action string, n int) context.Context {
	if o.hook != nil {
		if hctx := o.hook.AttemptStart(ctx, action, n); hctx != nil {
			return hctx
		}
	}
	return ctx
}

// report sends the end of an attempt to the logger and the hook.
func (o *callOptions) report(ctx context.Context, ev AttemptEvent) {
	o.logAttempt(ctx, ev)
	if o.hook != nil {
		o.hook.AttemptEnd(ctx, ev)
	}
}

// logAttempt writes ev as one debug line, when the logger wants it.
func (o *callOptions) logAttempt(ctx context.Context, ev AttemptEvent) {
	if o.logger == nil || !o.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("action", ev.Action),
		slog.Int("attempt", ev.Attempt),
		slog.Int("status", ev.StatusCode),
		slog.String("request_id", ev.RequestId),
		slog.Duration("duration", ev.Duration),
	}
	if ev.RetryDelay > 0 {
		attrs = append(attrs, slog.Duration("retry_in", ev.RetryDelay))
	}
	if ev.Err != nil {
		attrs = append(attrs, slog.String("error", ev.Err.Error()))
	}
	o.logger.LogAttrs(ctx, slog.LevelDebug, "computenest attempt", attrs...)
}
