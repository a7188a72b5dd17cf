package client_test

// Tests of unusable credentials, tiny delays, and the classification of
// failures: throttling by code, endpoints that do not speak TLS, and the
// typed transport error.

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/credentials-go/credentials"

	"github.com/computenest-sdk/computenest-go/client"
)

// modelCredential returns a fixed model (possibly nil) and error.
type modelCredential struct {
	credentials.Credential
	model *credentials.CredentialModel
	err   error
}

func (m modelCredential) GetCredential() (*credentials.CredentialModel, error) { return m.model, m.err }

// TestUnusableCredentials: a provider that returns nothing, or credentials
// with an empty part, is a *client.CredentialsError naming the problem,
// and nothing is sent; the message is short and never carries the
// provider's own text, which errors.Unwrap returns.
func TestUnusableCredentials(t *testing.T) {
	ak := func(id, secret string) *credentials.CredentialModel {
		return &credentials.CredentialModel{Type: dara.String("access_key"), AccessKeyId: dara.String(id), AccessKeySecret: dara.String(secret)}
	}
	providerText := errors.New("credentials-go: refresh failed: a long story with typos, 600 characters of it")
	for _, tt := range []struct {
		name    string
		cred    modelCredential
		problem string
	}{
		{"nil, nil", modelCredential{}, "no credentials"},
		{"empty AccessKeyId", modelCredential{model: ak("", testSecret)}, "AccessKey ID is empty"},
		{"empty secret", modelCredential{model: ak(testKeyID, "")}, "secret is empty"},
		{"sts without a token", modelCredential{model: &credentials.CredentialModel{Type: dara.String("sts"), AccessKeyId: dara.String(testKeyID),
			AccessKeySecret: dara.String(testSecret)}}, "security token is empty"},
		{"bearer without a token", modelCredential{model: &credentials.CredentialModel{Type: dara.String("bearer")}}, "bearer token is empty"},
		{"id_token without a token", modelCredential{model: &credentials.CredentialModel{Type: dara.String("id_token")}}, "ID token is empty"},
		{"provider error", modelCredential{err: providerText}, "provider failed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, jsonHandler(200, emptyBackups))
			cfg := ts.config()
			cfg.AccessKeyId, cfg.AccessKeySecret = "", ""
			cfg.Credential = tt.cred
			cfg.Retry = nil
			_, err := newClient(t, cfg).ListBackups(context.Background(), nil)
			var ce *client.CredentialsError
			if !errors.As(err, &ce) || client.IsRetryable(err) {
				t.Fatalf("err = %T %v, want a *client.CredentialsError", err, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.problem) || !strings.Contains(msg, "Config.Credential") || len(msg) > 300 {
				t.Errorf("message %q (%d bytes): want it short, naming %q and Config.Credential", msg, len(msg), tt.problem)
			}
			if strings.Contains(msg, "long story") || (tt.cred.err != nil && !errors.Is(err, providerText)) {
				t.Errorf("the provider's text belongs behind errors.Unwrap: %q", msg)
			}
			if n := len(ts.got()); n != 0 {
				t.Errorf("%d requests sent with unusable credentials", n)
			}
		})
	}
}

// TestTinyDelaysDoNotPanic: tea's backoff computes Period·2ⁿ in floating
// point; a delay under 1µs made it NaN after 1024 retries and
// rand.Int63n panicked. A waiter with MinDelay 1ns and a policy with
// BaseDelay 1ns run past that point.
func TestTinyDelaysDoNotPanic(t *testing.T) {
	t.Run("waiter", func(t *testing.T) {
		body := []byte(`{"TotalCount":1,"Backups":[{"BackupId":"b-1","Status":"Creating"}]}`)
		c := cannedClient(t, 200, body)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		polls := 0
		_, err := client.WaitForBackup(ctx, c, "b-1", func(o *client.WaiterOptions) {
			o.MinDelay, o.MaxDelay = time.Nanosecond, time.Nanosecond
			o.OnPoll = func(string) {
				if polls++; polls == 1100 {
					cancel()
				}
			}
		})
		if !errors.Is(err, context.Canceled) || polls < 1100 { // cannedTransport ignores ctx: a poll or two may follow the cancel
			t.Fatalf("after %d polls: %v", polls, err)
		}
	})
	t.Run("retry policy", func(t *testing.T) {
		var sent atomic.Int32
		c := newClient(t, &client.Config{
			Endpoint: "computenest.example.test", AccessKeyId: "LTAItiny", AccessKeySecret: "tiny-secret",
			Retry:      &client.RetryPolicy{MaxAttempts: 1100, BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond},
			HTTPClient: &http.Client{Transport: countingTransport{&sent, cannedTransport{503, []byte(`{"Code":"ServiceUnavailable"}`)}}},
		})
		_, err := c.ListBackups(context.Background(), nil)
		var e *client.APIError
		if !errors.As(err, &e) || e.StatusCode != 503 || sent.Load() != 1100 {
			t.Fatalf("after %d attempts: %v", sent.Load(), err)
		}
	})
}

type countingTransport struct {
	n    *atomic.Int32
	next http.RoundTripper
}

func (c countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.RoundTrip(r)
}

// TestEndpointNotSpeakingTLS: an HTTPS client talking to a plain HTTP
// server gets "server gave HTTP response to HTTPS client"
// (http.ErrSchemeMismatch); no retry can change that, so it is sent once.
func TestEndpointNotSpeakingTLS(t *testing.T) {
	ts := newTestServer(t, jsonHandler(200, emptyBackups))
	cfg := ts.config()
	cfg.Protocol = "https"
	cfg.Retry = &client.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}
	var sent atomic.Int32
	cfg.HTTPClient = &http.Client{Transport: countingTransport{&sent, &http.Transport{}}}
	_, err := newClient(t, cfg).ListBackups(context.Background(), nil)
	var te *client.TransportError
	if !errors.Is(err, http.ErrSchemeMismatch) || !errors.As(err, &te) || client.IsRetryable(err) {
		t.Fatalf("err = %v, want a *client.TransportError wrapping http.ErrSchemeMismatch", err)
	}
	if n := sent.Load(); n != 1 || te.Attempts != 1 {
		t.Errorf("%d attempts (Attempts %d), want 1", n, te.Attempts)
	}
}

// TestThrottlingByCode: Alibaba Cloud's throttling codes are Throttling
// and Throttling.*, usually with HTTP 400; HTTP 429 is throttling whatever
// the code. A code that merely contains the word is not.
func TestThrottlingByCode(t *testing.T) {
	for _, tt := range []struct {
		status int
		code   string
		want   bool
	}{
		{400, "Throttling", true},
		{400, "Throttling.User", true},
		{400, "Throttling.Api", true},
		{503, "Throttling.Resource", true},
		{429, "", true},
		{429, "TooManyRequests", true},
		{400, "InvalidParameter.NoThrottlingAllowed", false},
		{400, "Throttlingx", false},
		{400, "throttling", false},
		{400, "ServiceThrottling", false},
	} {
		err := &client.APIError{StatusCode: tt.status, Code: tt.code}
		if got := client.IsThrottling(err); got != tt.want {
			t.Errorf("HTTP %d %q: IsThrottling = %v, want %v", tt.status, tt.code, got, tt.want)
		}
		if tt.status == 400 && client.IsRetryable(err) != tt.want {
			t.Errorf("HTTP %d %q: IsRetryable = %v", tt.status, tt.code, !tt.want)
		}
	}
}

// TestTransportErrorCarriesTheLastCause: a call that never got a response
// ends in a *client.TransportError with the action, the attempts made and
// the last cause, reachable with errors.As.
func TestTransportErrorCarriesTheLastCause(t *testing.T) {
	cfg := &client.Config{Endpoint: "127.0.0.1:1", Protocol: "http", AccessKeyId: testKeyID, AccessKeySecret: testSecret,
		Retry: &client.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}}
	_, err := newClient(t, cfg).ListBackups(context.Background(), nil)
	var te *client.TransportError
	var ue *url.Error
	if !errors.As(err, &te) || te.Action != "ListBackups" || te.Attempts != 3 || !errors.As(err, &ue) || !client.IsRetryable(err) {
		t.Fatalf("err = %T %v, want a *client.TransportError after 3 attempts wrapping a *url.Error", err, err)
	}
	if !strings.Contains(err.Error(), "after 3 attempts") || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("message %q", err)
	}
}
