package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/computenest-sdk/computenest-go/models"
)

// invoke is the one call path both actions share: validate, flatten, then
// attempt (sign, send, decode) until success, a final error, or ctx or
// RetryPolicy.MaxElapsed ends.
func invoke[T any](ctx context.Context, c *Client, action string, req models.ListRequest, optFns []func(*Options)) (*T, error) {
	o, err := c.callOptions(optFns)
	if err != nil {
		return nil, fmt.Errorf("computenest: %s: %w", action, err)
	}
	if err := req.Validate(); err != nil {
		return nil, fmt.Errorf("computenest: %s: %w", action, err)
	}
	query := listQuery(req)
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
		if err := c.throttle.wait(ctx, action, end, o.maxElapsedErr); err != nil {
			return nil, err
		}
		if c.limiter != nil {
			if err := waitForToken(ctx, c.limiter, end, o.maxElapsedErr); err != nil {
				return nil, fmt.Errorf("computenest: %s: waiting for the rate limit: %w", action, err)
			}
		}
		start := time.Now()
		actx, out, res, err := runAttempt[T](ctx, c, &o, action, sent, query, end)
		c.throttle.hold(err, o.retry.MaxDelay)
		ev := AttemptEvent{Action: action, Attempt: sent, RequestId: res.requestID, StatusCode: res.status, Err: err}
		if err != nil && resent == 0 && res.timestampRefused && c.skew.learn(res.date, res.received) {
			// The service refused the date, and its own Date says our
			// clock is off: sign again with the corrected time, once,
			// without waiting and without using up an attempt.
			resent = 1
			ev.Duration = time.Since(start)
			o.report(actx, ev)
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
		o.report(actx, ev)
		if res.outOfTime && lastErr != nil {
			// MaxElapsed ended this attempt: say what the one before met.
			err = fmt.Errorf("%w (after an attempt that failed with: %w)", err, lastErr)
		}
		if !retry {
			return out, countAttempts(err, sent)
		}
		lastErr = err
		if serr := sleep(ctx, ev.RetryDelay); serr != nil {
			return nil, fmt.Errorf("computenest: %s: %w (while waiting to retry after: %w)", action, serr, countAttempts(err, sent))
		}
	}
}

// errMaxElapsed is the cause of a call's end at RetryPolicy.MaxElapsed,
// wrapped with context.DeadlineExceeded.
type errMaxElapsed struct{ d time.Duration }

func (e errMaxElapsed) Error() string {
	return fmt.Sprintf("context deadline exceeded: the call ran out of RetryPolicy.MaxElapsed (%v)", e.d)
}

// Unwrap makes errors.Is(err, context.DeadlineExceeded) hold.
func (e errMaxElapsed) Unwrap() error { return context.DeadlineExceeded }

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

// attemptResult is what an attempt learnt besides its answer or error.
type attemptResult struct {
	status    int
	requestID string
	// timestampRefused is set on an InvalidTimeStamp.Expired answer, with
	// its Date header and the time it was received.
	timestampRefused bool
	date             string
	received         time.Time
	// outOfTime is set when MaxElapsed ended the attempt.
	outOfTime bool
}

// attemptCall sends one signed request and decodes the answer into a new T;
// every failure comes back typed. The attempt, from waiting for credentials
// to the last byte of the body, is bounded by its AttemptTimeout and by
// end, when MaxElapsed runs out.
func attemptCall[T any](ctx context.Context, c *Client, o *callOptions, action string, query []param, end time.Time) (out *T, res attemptResult, err error) {
	deadline, cause := time.Now().Add(o.attemptTimeout), ErrAttemptTimeout
	if end.Before(deadline) {
		deadline, cause = end, o.maxElapsedErr
	}
	actx, cancel := context.WithDeadlineCause(ctx, deadline, cause)
	defer cancel()
	req, err := c.newRequest(actx, action, query, o.userAgent)
	if err != nil {
		var credErr *CredentialsError
		if errors.As(err, &credErr) {
			return nil, res, credErr
		}
		return nil, res, o.failedAttempt(ctx, actx, action, "", err, &res)
	}
	resp, err := c.sender.send(req)
	if err != nil {
		return nil, res, o.failedAttempt(ctx, actx, action, "", err, &res)
	}
	defer resp.Body.Close()
	res.status = resp.StatusCode
	res.requestID = resp.Header.Get("X-Acs-Request-Id") // canonical: Get allocates nothing
	if resp.StatusCode >= 400 {
		rec := readErrorAnswer(resp, min(c.maxBody, maxErrorBody))
		if ctx.Err() != nil {
			return nil, res, fmt.Errorf("computenest: %s: %w", action, contextError(ctx))
		}
		rec.errorBody = redactEcho(rec.errorBody, req.Header)
		apiErr := newAPIError(action, rec)
		redactAPIError(apiErr, req.Header)
		res.requestID = apiErr.RequestId
		if apiErr.Code == "InvalidTimeStamp.Expired" {
			res.timestampRefused, res.date, res.received = true, resp.Header.Get("Date"), time.Now()
		}
		return nil, res, apiErr
	}
	if resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("HTTP %d %s is not an answer to a list call: only 200 OK is", resp.StatusCode, http.StatusText(resp.StatusCode))
	} else {
		out, err = decodeBody[T](&c.bufs, resp.Body, resp.ContentLength, c.maxBody)
		if err == nil {
			err = checkShape(out)
		}
	}
	if err != nil {
		if actx.Err() != nil { // the body stalled, or ctx ended
			return nil, res, o.failedAttempt(ctx, actx, action, res.requestID, err, &res)
		}
		return nil, res, &DecodeError{
			Action:      action,
			StatusCode:  resp.StatusCode,
			RequestId:   res.requestID,
			ContentType: resp.Header.Get("Content-Type"),
			Err:         err,
		}
	}
	res.requestID = requestIDOf(out)
	return out, res, nil
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

// errorBody is Compute Nest's JSON error document. encoding/json matches
// names case-insensitively, so gateways' lower-case variants decode too.
type errorBody struct {
	RequestId string
	HostId    string
	Code      string
	Message   string
	Recommend string
}

const maxBodySnippet = 512

func newAPIError(action string, rec *attempt) *APIError {
	e := &APIError{
		Action:     action,
		StatusCode: rec.status,
		RequestId:  rec.header.Get("x-acs-request-id"),
		RetryAfter: retryAfter(rec.header),
	}
	var doc errorBody
	if err := json.Unmarshal(rec.errorBody, &doc); err == nil && doc.Code != "" {
		e.Code, e.Message, e.HostId, e.Recommend = doc.Code, doc.Message, doc.HostId, doc.Recommend
		if doc.RequestId != "" {
			e.RequestId = doc.RequestId
		}
		return e
	}
	snippet := rec.errorBody
	if len(snippet) > maxBodySnippet {
		snippet = snippet[:maxBodySnippet]
	}
	e.Body = string(snippet)
	if rec.tooLarge {
		e.Body += "…"
	}
	return e
}

// bufferPool recycles the buffers that success bodies are read into, so a
// page costs no buffer allocations once a few pages have been read.
// json.Unmarshal copies every string it keeps, so nothing decoded refers to
// a buffer after it goes back. Each Client has its own.
type bufferPool struct{ pool sync.Pool }

func (p *bufferPool) get() *bytes.Buffer {
	if b, _ := p.pool.Get().(*bytes.Buffer); b != nil {
		return b
	}
	return new(bytes.Buffer)
}

func (p *bufferPool) put(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuffer {
		b.Reset()
		p.pool.Put(b)
	}
}

// maxPooledBuffer keeps a rare huge body's buffer out of the pool.
const maxPooledBuffer = 1 << 20

// decodeBody reads a success body of at most limit bytes (size is its
// Content-Length, or -1) into a pooled buffer and decodes it into a new T:
// one copy of the bytes, no buffer growth, the same result as decodeJSON.
func decodeBody[T any](bufs *bufferPool, body io.Reader, size, limit int64) (*T, error) {
	buf := bufs.get()
	defer bufs.put(buf)
	if size > 0 && size <= limit {
		buf.Grow(int(size) + bytes.MinRead) // room for the read that sees EOF
	}
	_, err := buf.ReadFrom(io.LimitReader(body, limit+1))
	switch {
	case int64(buf.Len()) > limit:
		return nil, fmt.Errorf("%w (%d bytes)", ErrResponseTooLarge, limit)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, fmt.Errorf("body ends mid-document: %w", err)
	case err != nil:
		return nil, err
	}
	out := new(T)
	if err := json.Unmarshal(buf.Bytes(), out); err != nil {
		// Rare: decode again, streaming, for the error message that says
		// what is wrong (empty, cut off, trailing data, a bad field).
		if derr := decodeJSON(bytes.NewReader(buf.Bytes()), limit, new(T)); derr != nil {
			return nil, derr
		}
		return nil, err
	}
	if err := duplicateKey(buf.Bytes()); err != nil {
		return nil, err
	}
	return out, nil
}

// decodeJSON decodes exactly one JSON document of at most limit bytes from r
// into out. Empty, cut-off, oversized or trailing-garbage bodies are errors.
func decodeJSON(r io.Reader, limit int64, out any) error {
	lr := &io.LimitedReader{R: r, N: limit + 1}
	dec := json.NewDecoder(lr)
	err := dec.Decode(out)
	if lr.N <= 0 {
		return fmt.Errorf("%w (%d bytes)", ErrResponseTooLarge, limit)
	}
	switch {
	case err == io.EOF:
		return errors.New("empty body")
	case err == io.ErrUnexpectedEOF:
		return fmt.Errorf("body ends mid-document: %w", err)
	case err != nil:
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		if lr.N <= 0 {
			return fmt.Errorf("%w (%d bytes)", ErrResponseTooLarge, limit)
		}
		return errors.New("unexpected data after the JSON document")
	}
	return nil
}

func requestIDOf(v any) string {
	if r, ok := v.(interface{ GetRequestId() string }); ok {
		return r.GetRequestId()
	}
	return ""
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
