package client

import (
	"context"
	"time"
)

// Hook receives the events of every attempt a call makes, for tracing or
// metrics, without the SDK depending on a tracing library. Set it in
// Config.Hook for every call of a client, or in Options.Hook for one call.
// An OpenTelemetry adapter starts a span in AttemptStart, returns the
// context holding it, and ends the span in AttemptEnd with the event's
// attributes. Wrap Config.HTTPClient's Transport with otelhttp.NewTransport
// as well, and its HTTP spans become children of the attempt's span:
//
//	cfg.HTTPClient = &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}
//
// A Hook is called from the goroutines that make calls, concurrently when
// they share the client; it must not block.
type Hook interface {
	// AttemptStart is called before attempt number attempt (1 for the
	// first) of action is sent. The attempt is sent with the context it
	// returns (nil means ctx), for its values: the attempt still ends when
	// ctx ends, whatever context is returned.
	AttemptStart(ctx context.Context, action string, attempt int) context.Context
	// AttemptEnd is called when the attempt has ended and the call has
	// decided whether to retry, with the context AttemptStart returned.
	AttemptEnd(ctx context.Context, ev AttemptEvent)
}

// AttemptEvent describes one attempt of a call.
type AttemptEvent struct {
	// Action is the API action, e.g. "ListBackups".
	Action string
	// Attempt is the attempt's number, 1 for the first.
	Attempt int
	// RequestId is the service's request ID, "" when no answer had one.
	RequestId string
	// StatusCode is the HTTP status, 0 when no answer arrived.
	StatusCode int
	// Duration is how long the attempt took.
	Duration time.Duration
	// RetryDelay is the wait before the next attempt; 0 when the call will
	// not be retried, or when the request is sent again at once, signed
	// with a clock corrected by the refusing answer's Date.
	RetryDelay time.Duration
	// Err is the attempt's error, nil on success. It never holds a secret.
	Err error
}
