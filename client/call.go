package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"

	"github.com/computenest-sdk/computenest-go/models"
)

// invoke is the one call path both actions share: validate, flatten, then
// attempt (sign, send, decode) until success, a final error, or ctx ends.
func invoke[T any](ctx context.Context, c *Client, action string, req models.ListRequest) (*T, error) {
	if err := req.Validate(); err != nil {
		return nil, fmt.Errorf("computenest: %s: %w", action, err)
	}
	query := listQuery(req)
	for n := 1; ; n++ {
		if c.limiter != nil {
			if err := c.limiter.Wait(ctx); err != nil {
				return nil, fmt.Errorf("computenest: %s: waiting for the rate limit: %w", action, err)
			}
		}
		start := time.Now()
		out, status, requestID, err := attemptCall[T](ctx, c, action, query)
		var wait time.Duration
		retry := err != nil && n < c.retry.MaxAttempts && ctx.Err() == nil && c.retry.retryable(err)
		if retry {
			wait = c.retry.delay(n, err)
		}
		c.logAttempt(ctx, action, n, status, requestID, time.Since(start), wait, err)
		if !retry {
			return out, err
		}
		if serr := sleep(ctx, wait); serr != nil {
			return nil, fmt.Errorf("computenest: %s: %w (while waiting to retry after: %w)", action, serr, err)
		}
	}
}

// attemptCall sends one signed request through darabonba and decodes the
// answer; every failure comes back typed (see classify).
func attemptCall[T any](ctx context.Context, c *Client, action string, query map[string]*string) (out *T, status int, requestID string, err error) {
	rec := &attempt{}
	res, err := c.api.CallApiWithCtx(withAttempt(ctx, rec), &openapi.Params{
		Action:      dara.String(action),
		Version:     dara.String(APIVersion),
		Protocol:    dara.String(c.protocol),
		Pathname:    dara.String("/"),
		Method:      dara.String(http.MethodPost),
		AuthType:    dara.String("AK"),
		Style:       dara.String("RPC"),
		ReqBodyType: dara.String("formData"),
		BodyType:    dara.String("binary"), // hand us the stream; we decode it once
	}, &openapi.OpenApiRequest{Query: query}, &dara.RuntimeOptions{})
	if err != nil {
		err = c.classify(ctx, action, rec, err)
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			return nil, apiErr.StatusCode, apiErr.RequestId, err
		}
		return nil, rec.status, rec.header.Get("x-acs-request-id"), err
	}
	body, _ := res["body"].(io.ReadCloser)
	if body == nil {
		return nil, rec.status, "", fmt.Errorf("computenest: %s: darabonba returned no response body", action)
	}
	defer body.Close()
	out = new(T)
	if err := decodeJSON(body, c.maxBody, out); err != nil {
		return nil, rec.status, rec.header.Get("x-acs-request-id"), &DecodeError{
			Action:      action,
			StatusCode:  rec.status,
			RequestId:   rec.header.Get("x-acs-request-id"),
			ContentType: rec.header.Get("Content-Type"),
			Err:         err,
		}
	}
	return out, rec.status, requestIDOf(out), nil
}

// classify maps what darabonba returned to the SDK's error types, trusting
// what the transport recorded over darabonba's own parse of the body.
func (c *Client) classify(ctx context.Context, action string, rec *attempt, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("computenest: %s: %w", action, context.Cause(ctx))
	}
	var credErr *CredentialsError
	if errors.As(err, &credErr) {
		return credErr
	}
	if rec.status >= 400 {
		return newAPIError(action, rec)
	}
	return fmt.Errorf("computenest: %s: %w", action, err)
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

// retryAfter reads the service's hint: x-acs-retry-after in milliseconds
// (darabonba's convention) or the standard Retry-After in seconds.
func retryAfter(h http.Header) time.Duration {
	if ms, err := strconv.ParseInt(h.Get("x-acs-retry-after"), 10, 64); err == nil && ms > 0 {
		return time.Duration(ms) * time.Millisecond
	}
	if s, err := strconv.ParseInt(h.Get("Retry-After"), 10, 64); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return 0
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

func (c *Client) logAttempt(ctx context.Context, action string, n, status int, requestID string, took, wait time.Duration, err error) {
	if c.logger == nil || !c.logger.Enabled(ctx, slog.LevelDebug) {
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
	c.logger.LogAttrs(ctx, slog.LevelDebug, "computenest attempt", attrs...)
}
