package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/computenest-sdk/computenest-go/models"
)

// invoke is the one call path both actions share: validate, flatten, then
// attempt (sign, send, decode) until success, a final error, or ctx ends.
func invoke[T any](ctx context.Context, c *Client, action string, req models.ListRequest, optFns []func(*Options)) (*T, error) {
	o, err := c.callOptions(optFns)
	if err != nil {
		return nil, fmt.Errorf("computenest: %s: %w", action, err)
	}
	if err := req.Validate(); err != nil {
		return nil, fmt.Errorf("computenest: %s: %w", action, err)
	}
	query := listQuery(req)
	for n := 1; ; n++ {
		if err := c.throttle.wait(ctx, action); err != nil {
			return nil, err
		}
		if c.limiter != nil {
			if err := waitForToken(ctx, c.limiter); err != nil {
				return nil, fmt.Errorf("computenest: %s: waiting for the rate limit: %w", action, err)
			}
		}
		start := time.Now()
		actx, out, status, requestID, err := runAttempt[T](ctx, c, &o, action, n, query)
		c.throttle.hold(err, o.retry.MaxDelay)
		var wait time.Duration
		retry := err != nil && n < o.retry.MaxAttempts && ctx.Err() == nil && o.retry.retryable(err)
		if retry {
			wait = o.retry.delay(n, err)
		}
		o.report(actx, AttemptEvent{Action: action, Attempt: n, RequestId: requestID, StatusCode: status,
			Duration: time.Since(start), RetryDelay: wait, Err: err})
		if !retry {
			return out, err
		}
		if serr := sleep(ctx, wait); serr != nil {
			return nil, fmt.Errorf("computenest: %s: %w (while waiting to retry after: %w)", action, serr, err)
		}
	}
}

// attemptCall sends one signed request and decodes the answer into a new T;
// every failure comes back typed.
func attemptCall[T any](ctx context.Context, c *Client, o *callOptions, action string, query []param) (out *T, status int, requestID string, err error) {
	req, err := c.newRequest(ctx, action, query)
	if err == nil && o.userAgent != c.userAgent {
		req.Header["User-Agent"] = []string{o.userAgent}
	}
	if err != nil {
		var credErr *CredentialsError
		if errors.As(err, &credErr) {
			return nil, 0, "", credErr
		}
		return nil, 0, "", fmt.Errorf("computenest: %s: %w", action, err)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, 0, "", fmt.Errorf("computenest: %s: %w", action, contextError(ctx))
		}
		return nil, 0, "", fmt.Errorf("computenest: %s: %w", action, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		rec := readErrorAnswer(resp, min(c.maxBody, maxErrorBody))
		rec.errorBody = redactEcho(rec.errorBody, req.Header)
		apiErr := newAPIError(action, rec)
		return nil, apiErr.StatusCode, apiErr.RequestId, apiErr
	}
	out, err = decodeBody[T](&c.bufs, resp.Body, resp.ContentLength, c.maxBody)
	if err == nil {
		err = checkShape(out)
	}
	if err != nil {
		id := resp.Header.Get("x-acs-request-id")
		return nil, resp.StatusCode, id, &DecodeError{
			Action:      action,
			StatusCode:  resp.StatusCode,
			RequestId:   id,
			ContentType: resp.Header.Get("Content-Type"),
			Err:         err,
		}
	}
	return out, resp.StatusCode, requestIDOf(out), nil
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

func (o *callOptions) logAttempt(ctx context.Context, action string, n, status int, requestID string, took, wait time.Duration, err error) {
	if o.logger == nil || !o.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("action", action),
		slog.Int("attempt", n),
		slog.Int("status", status),
		slog.String("request_id", requestID),
		slog.Duration("duration", took),
	}
	if wait > 0 {
		attrs = append(attrs, slog.Duration("retry_in", wait))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	o.logger.LogAttrs(ctx, slog.LevelDebug, "computenest attempt", attrs...)
}
