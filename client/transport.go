package client

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"time"
)

// attempt records what one HTTP exchange returned. darabonba turns error
// statuses into its own error types and fails outright on a non-JSON error
// body; the recorder keeps the status, headers and raw body so the SDK can
// build an exact APIError whatever the body was.
type attempt struct {
	status    int
	header    http.Header
	errorBody []byte // read only for error statuses, bounded
	tooLarge  bool
}

type attemptKey struct{}

func withAttempt(ctx context.Context, a *attempt) context.Context {
	return context.WithValue(ctx, attemptKey{}, a)
}

// httpDoer sends requests for darabonba through one long-lived *http.Client,
// so connections are reused across calls (darabonba's default builds a new
// transport per request).
type httpDoer struct {
	client       *http.Client
	maxBodyBytes int64
}

func newHTTPClient(cfg *Config) *http.Client {
	if cfg.HTTPClient != nil {
		return cfg.HTTPClient
	}
	connect := cfg.ConnectTimeout
	if connect <= 0 {
		connect = defaultConnectTimeout
	}
	read := cfg.ReadTimeout
	if read <= 0 {
		read = defaultReadTimeout
	}
	return &http.Client{Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: connect, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   connect,
		ResponseHeaderTimeout: read,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}}
}

// Call implements darabonba's dara.HttpClient; darabonba's transport is ignored.
func (d *httpDoer) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, err
	}
	a, _ := req.Context().Value(attemptKey{}).(*attempt)
	if a == nil {
		return resp, nil
	}
	a.status = resp.StatusCode
	a.header = resp.Header
	if resp.StatusCode >= 400 {
		// Read the error body now, bounded, and hand darabonba a copy.
		body, err := io.ReadAll(io.LimitReader(resp.Body, d.maxBodyBytes+1))
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if int64(len(body)) > d.maxBodyBytes {
			body, a.tooLarge = body[:d.maxBodyBytes], true
		}
		a.errorBody = body
		resp.Body = io.NopCloser(bytes.NewReader(body))
	}
	return resp, nil
}
